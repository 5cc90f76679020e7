/** One rule for blank values across operations: undefined, null or only spaces is not sent. */
import { copySetFields, isBlank } from '../../../nodes/values/values';
import { useFakeEnneo } from '../../harness/fakeServer';
import { runNode } from '../../harness/runNode';

const enneo = useFakeEnneo();

test.each([
	[undefined, true],
	[null, true],
	['', true],
	['  \n', true],
	[0, false],
	[false, false],
	[' x ', false],
])('isBlank(%p) is %p', (value, blank) => {
	expect(isBlank(value)).toBe(blank);
});

test('copySetFields: text as written, trimmed IDs, values unchanged, lists split', () => {
	const fields = {
		subject: ' Hi\n',
		blank: '   ',
		contractId: ' 746839 ',
		priority: 'high',
		to: 'a@x.io; b@x.io',
	};
	expect(copySetFields(fields, ['subject', 'blank'], 'text')).toEqual({ subject: ' Hi\n' });
	expect(copySetFields(fields, ['contractId', 'blank'], 'trimmed')).toEqual({
		contractId: '746839',
	});
	expect(copySetFields(fields, ['priority', 'missing'], 'value')).toEqual({ priority: 'high' });
	expect(copySetFields(fields, ['to', 'blank'], 'list')).toEqual({ to: ['a@x.io', 'b@x.io'] });
});

test('Create a Ticket sends no whitespace-only subject, like Store and Update', async () => {
	await runNode({
		parameters: {
			resource: 'ticket',
			operation: 'create',
			channel: 'email',
			additionalFields: { subject: '   ', body: 'Hello' },
		},
		credentials: enneo.credentials,
	});
	expect(enneo.fake.received('POST', '/ticket')[0].body).toEqual({
		channel: 'email',
		body: 'Hello',
	});
});
