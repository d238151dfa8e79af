module.exports = require('../../tools/webpack/nest-app.webpack')(__dirname, 'gateway', {
  transformers: [
    {
      // The OpenAPI schemas of request bodies and responses, read at build time from the DTO classes
      // (their types, class-validator rules and doc comments) and the controllers' return types.
      name: '@nestjs/swagger/plugin',
      options: { dtoFileNameSuffix: ['.dto.ts', '.request.ts', '.requests.ts', '.body.ts'], classValidatorShim: true, introspectComments: true },
    },
  ],
});
