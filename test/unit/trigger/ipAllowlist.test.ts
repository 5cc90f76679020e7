import {
	isIpAllowed,
	parseAllowlist,
	parseIp,
} from '../../../nodes/EnneoTrigger/webhook/ipAllowlist';

describe('IP allowlist', () => {
	test('IPv4-mapped IPv6 addresses are read as IPv4', () => {
		expect(parseIp('::ffff:127.0.0.1')).toEqual(parseIp('127.0.0.1'));
		expect(parseIp('::ffff:7f00:1')).toEqual(parseIp('127.0.0.1'));
	});

	test.each(['300.1.1.1', '1.2.3', '1::2::3', 'hello', '', '12345::', '1:2:3:4:5:6:7:8:9'])(
		'"%s" is not an address',
		(text) => {
			expect(parseIp(text)).toBeNull();
		},
	);

	test('exact IPv4 and IPv6 entries match only themselves', () => {
		const ranges = parseAllowlist('203.0.113.7, 2001:db8::1');
		expect(isIpAllowed('203.0.113.7', ranges)).toBe(true);
		expect(isIpAllowed('203.0.113.8', ranges)).toBe(false);
		expect(isIpAllowed('2001:db8:0:0:0:0:0:1', ranges)).toBe(true);
		expect(isIpAllowed('2001:db8::2', ranges)).toBe(false);
	});

	test('IPv4 CIDR ranges match their addresses, also when the socket reports them IPv4-mapped', () => {
		const ranges = parseAllowlist('10.0.0.0/8 192.168.1.0/24');
		expect(isIpAllowed('10.255.1.2', ranges)).toBe(true);
		expect(isIpAllowed('::ffff:10.1.2.3', ranges)).toBe(true);
		expect(isIpAllowed('192.168.1.200', ranges)).toBe(true);
		expect(isIpAllowed('192.168.2.1', ranges)).toBe(false);
		expect(isIpAllowed('11.0.0.1', ranges)).toBe(false);
	});

	test('IPv6 CIDR ranges match their addresses', () => {
		const ranges = parseAllowlist('2001:db8::/32; fe80::/10');
		expect(isIpAllowed('2001:db8:abcd::1', ranges)).toBe(true);
		expect(isIpAllowed('2001:db9::1', ranges)).toBe(false);
		expect(isIpAllowed('fe80::1%eth0', ranges)).toBe(true);
		expect(isIpAllowed('::1', ranges)).toBe(false);
	});

	test('an IPv4-mapped CIDR range is the IPv4 range', () => {
		const ranges = parseAllowlist('::ffff:127.0.0.0/104');
		expect(isIpAllowed('127.9.9.9', ranges)).toBe(true);
		expect(isIpAllowed('128.0.0.1', ranges)).toBe(false);
	});

	test('/0 allows every address of its family only', () => {
		const ranges = parseAllowlist('0.0.0.0/0');
		expect(isIpAllowed('8.8.8.8', ranges)).toBe(true);
		expect(isIpAllowed('2001:db8::1', ranges)).toBe(false);
	});

	test('an unknown or missing caller address is never allowed', () => {
		const ranges = parseAllowlist('0.0.0.0/0, ::/0');
		expect(isIpAllowed(undefined, ranges)).toBe(false);
		expect(isIpAllowed('not-an-ip', ranges)).toBe(false);
	});

	test.each(['10.0.0.0/33', '2001:db8::/129', 'example.com', '10.0.0.1/8/1', '::ffff:1.2.3.4/90'])(
		'the entry "%s" is refused',
		(entry) => {
			expect(() => parseAllowlist(`127.0.0.1, ${entry}`)).toThrow(entry);
		},
	);
});
