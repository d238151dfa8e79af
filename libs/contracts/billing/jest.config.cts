module.exports = {
  displayName: 'contracts-billing',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/contracts/billing',
};
