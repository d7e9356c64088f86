/**
 * The scrypt cost of passwords in tests: the demo accounts of the test database and the apps of
 * testApp() use 2^15 so that the many sign-ins stay fast. The production cost (2^17, loadConfig)
 * and the rehash from one to the other are tested in accounts/passwords.int.test.ts.
 */
export const TEST_SCRYPT_N = 2 ** 15;
