module.exports = {
  displayName: 'contracts-kitchen',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/contracts/kitchen',
};
