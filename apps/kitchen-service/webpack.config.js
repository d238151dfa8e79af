module.exports = require('../../tools/webpack/nest-app.webpack')(__dirname, 'kitchen-service');
