/**
 * IP allowlist matching without Node's `net` module (not allowed in community nodes):
 * exact addresses and CIDR ranges, IPv4 and IPv6, IPv4-mapped IPv6 (::ffff:1.2.3.4) treated as IPv4.
 */

/** An address as a 32-bit (IPv4) or 128-bit (IPv6) integer. */
interface ParsedIp {
	version: 4 | 6;
	value: bigint;
}

interface AllowlistRange {
	version: 4 | 6;
	network: bigint;
	prefix: number;
}

function parseIpv4(text: string): bigint | null {
	const parts = text.split('.');
	if (parts.length !== 4) return null;
	let value = 0n;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return null;
		const octet = Number(part);
		if (octet > 255) return null;
		value = (value << 8n) | BigInt(octet);
	}
	return value;
}

function parseIpv6(input: string): bigint | null {
	let text = input;
	// A zone index (fe80::1%eth0) names the interface, not the address.
	const zone = text.indexOf('%');
	if (zone !== -1) text = text.slice(0, zone);
	if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
	// A trailing dotted IPv4 part (::ffff:1.2.3.4) stands for the last two groups.
	let tail: number[] = [];
	const lastColon = text.lastIndexOf(':');
	if (text.includes('.')) {
		const v4 = parseIpv4(text.slice(lastColon + 1));
		if (v4 === null) return null;
		tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
		const prefix = text.slice(0, lastColon + 1);
		text = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
	}
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const parseGroups = (part: string): number[] | null => {
		if (part === '') return [];
		const groups = part.split(':');
		const out: number[] = [];
		for (const group of groups) {
			if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
			out.push(parseInt(group, 16));
		}
		return out;
	};
	const head = parseGroups(halves[0]);
	const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
	if (head === null || rest === null) return null;
	const wanted = 8 - tail.length;
	let groups: number[];
	if (halves.length === 2) {
		const missing = wanted - head.length - rest.length;
		if (missing < 1) return null;
		groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
	} else {
		if (head.length !== wanted) return null;
		groups = head;
	}
	groups = [...groups, ...tail];
	let value = 0n;
	for (const group of groups) value = (value << 16n) | BigInt(group);
	return value;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** Longest address text looked at (a full IPv6 address with a zone and port is well below). */
const MAX_ADDRESS_LENGTH = 100;

/**
 * The address part of what a socket or a proxy's X-Forwarded-For reports: without a port
 * (`1.2.3.4:5678`, `[2001:db8::1]:443`) and without brackets.
 */
function withoutPort(input: string): string {
	const text = input.trim();
	if (text.startsWith('[')) {
		const close = text.indexOf(']');
		if (close === -1) return text;
		const rest = text.slice(close + 1);
		return rest === '' || /^:\d{1,5}$/.test(rest) ? text.slice(1, close) : text;
	}
	const colon = text.indexOf(':');
	// One colon: IPv4 with a port. Several: IPv6, whose last group cannot be told from a port.
	if (colon !== -1 && colon === text.lastIndexOf(':') && /^\d{1,5}$/.test(text.slice(colon + 1)))
		return text.slice(0, colon);
	return text;
}

/** Parses an address (a port is ignored); IPv4-mapped IPv6 comes back as IPv4. Returns null for anything else. */
export function parseIp(input: string): ParsedIp | null {
	if (input.length > MAX_ADDRESS_LENGTH) return null;
	const text = withoutPort(input);
	if (!text) return null;
	if (!text.includes(':')) {
		const v4 = parseIpv4(text);
		return v4 === null ? null : { version: 4, value: v4 };
	}
	const v6 = parseIpv6(text);
	if (v6 === null) return null;
	if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
	return { version: 6, value: v6 };
}

function mask(bits: number, prefix: number): bigint {
	if (prefix === 0) return 0n;
	return ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
}

/** Parses "1.2.3.4, 10.0.0.0/8, 2001:db8::/32"; throws naming the first invalid entry. */
export function parseAllowlist(text: string): AllowlistRange[] {
	const ranges: AllowlistRange[] = [];
	for (const raw of text.split(/[\s,;]+/)) {
		const entry = raw.trim();
		if (!entry) continue;
		const [address, prefixText, extra] = entry.split('/');
		// A port has no place in an allowlist entry; only the socket/proxy side may carry one.
		const ip =
			extra === undefined && withoutPort(address) === address.replace(/^\[(.*)\]$/, '$1')
				? parseIp(address)
				: null;
		if (!ip) throw new Error(`"${entry}" is not an IP address or CIDR range`);
		const mapped = address.includes(':') && ip.version === 4;
		const bits = ip.version === 4 && !mapped ? 32 : 128;
		let prefix = ip.version === 4 ? 32 : 128;
		if (prefixText !== undefined) {
			if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
				throw new Error(`"${entry}" has an invalid prefix length (0-${bits})`);
			}
			prefix = Number(prefixText);
			// "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8.
			if (mapped) {
				if (prefix < 96)
					throw new Error(
						`"${entry}" has an invalid prefix length for an IPv4-mapped range (96-128)`,
					);
				prefix -= 96;
			}
		}
		const m = mask(ip.version === 4 ? 32 : 128, prefix);
		ranges.push({ version: ip.version, network: ip.value & m, prefix });
	}
	return ranges;
}

/** Whether the address lies in one of the ranges; unparsable addresses are never allowed. */
export function isIpAllowed(address: string | undefined, ranges: AllowlistRange[]): boolean {
	if (!address) return false;
	const ip = parseIp(address);
	if (!ip) return false;
	return ranges.some((range) => {
		if (range.version !== ip.version) return false;
		const m = mask(ip.version === 4 ? 32 : 128, range.prefix);
		return (ip.value & m) === range.network;
	});
}
