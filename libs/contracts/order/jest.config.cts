module.exports = {
  displayName: 'contracts-order',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/contracts/order',
};
