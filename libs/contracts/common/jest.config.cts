module.exports = {
  displayName: 'contracts-common',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/contracts/common',
};
