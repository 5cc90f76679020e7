import { looksLikePhoneNumber, toE164 } from '../../../nodes/values/phone';

describe('toE164', () => {
	test.each([
		// [input, default country code, expected]
		['+49 30 123456', undefined, '+4930123456'],
		['+49 (0)30 1234-56', undefined, '+4930123456'],
		['+44 (0)20 7946 0958', undefined, '+442079460958'],
		['+353 (0)1 234 5678', undefined, '+35312345678'],
		['0049 30 123456', undefined, '+4930123456'],
		['0049-151-12345678', undefined, '+4915112345678'],
		['030 1234-56', '49', '+4930123456'],
		['(030) 123 456', '49', '+4930123456'],
		['0151/12345678', '+49', '+4915112345678'],
		['30 123456', '49', '+4930123456'],
		['4915112345678', '49', '+4915112345678'],
		['(212) 555-1234', '1', '+12125551234'],
		['1 212 555 1234', '1', '+12125551234'],
		[4915200000003, undefined, '+4915200000003'],
		['4915112345678', undefined, '+4915112345678'],
		['+49 30 123456 ext. 12', undefined, '+4930123456'],
		['+49.30.123456', undefined, '+4930123456'],
	])('%p (country %p) → %p', (input, cc, expected) => {
		expect(toE164(input, cc)).toBe(expected);
	});

	test.each([
		['030 1234-56', undefined],
		['call me maybe', '49'],
		['+49 30 12a456', undefined],
		['12345', '49'],
		['+0 30 123456', undefined],
		['+49 30 123456 +1', undefined],
		['123456789012345678', undefined],
		['30123456', undefined],
	])('%p (country %p) is not a phone number', (input, cc) => {
		expect(toE164(input, cc)).toBeNull();
	});

	test('empty input is "not given", not an error', () => {
		expect(toE164('')).toBeUndefined();
		expect(toE164('   ')).toBeUndefined();
		expect(toE164(undefined)).toBeUndefined();
		expect(toE164(null)).toBeUndefined();
	});
});

describe('looksLikePhoneNumber', () => {
	test.each([
		['+49 151 12345678', true],
		['0151 12345678', true],
		['0049 30 123456', true],
		['83771', false],
		['746839', false],
		['Victoria Sterling', false],
		['anna@example.com', false],
		['+49', false],
	])('%p → %p', (input, expected) => {
		expect(looksLikePhoneNumber(input)).toBe(expected);
	});
});
