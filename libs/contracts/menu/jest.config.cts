module.exports = {
  displayName: 'contracts-menu',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/contracts/menu',
};
