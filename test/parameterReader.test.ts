import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withParameterShortcuts } from '../nodes/HeroHealth/helpers/parameterReader';

/** A context whose n8n getNodeParameter is a recorder standing in for the expression engine. */
function contextWith(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const calls: Array<[string, number]> = [];
	const context = {
		getNode: () => ({ parameters }),
		getInputData: () => items,
		marker: 'original',
		whoAmI() {
			return (this as { marker: string }).marker;
		},
		getNodeParameter(name: string, itemIndex: number) {
			calls.push([name, itemIndex]);
			return `n8n:${name}:${itemIndex}`;
		},
	};
	return { context: context as unknown as IExecuteFunctions, calls };
}

const rows = [
	{ json: { nhs: '9434765919', text: 'Hi', n: 3, nested: { a: 1 } } },
	{ json: { nhs: '4010232137', text: 'Yo' } },
];

describe('parameter shortcuts', () => {
	it('reads a fixed value once per run, without asking n8n', () => {
		const { context, calls } = contextWith({ messageType: 'sms', duration: 15 }, rows);
		const reader = withParameterShortcuts(context);
		expect(reader.getNodeParameter('messageType', 0)).toBe('sms');
		expect(reader.getNodeParameter('messageType', 1)).toBe('sms');
		expect(reader.getNodeParameter('duration', 1)).toBe(15);
		expect(calls).toEqual([]);
	});

	it('reads a mapped input field straight from each item, in both spellings', () => {
		const { context, calls } = contextWith(
			{ nhsNumber: '={{ $json.nhs }}', messageText: '={{$json["text"]}}' },
			rows,
		);
		const reader = withParameterShortcuts(context);
		expect([0, 1].map((i) => reader.getNodeParameter('nhsNumber', i))).toEqual([
			'9434765919',
			'4010232137',
		]);
		expect([0, 1].map((i) => reader.getNodeParameter('messageText', i))).toEqual(['Hi', 'Yo']);
		expect(calls).toEqual([]);
	});

	it('reads a resource locator by value when its value is fixed or a mapped field', () => {
		const { context } = contextWith(
			{
				patientId: { __rl: true, mode: 'id', value: '={{ $json.n }}' },
				locationId: { __rl: true, mode: 'list', value: '11' },
			},
			rows,
		);
		const reader = withParameterShortcuts(context);
		expect(reader.getNodeParameter('patientId', 0, '', { extractValue: true })).toBe(3);
		expect(reader.getNodeParameter('locationId', 1, '', { extractValue: true })).toBe('11');
	});

	it('gives a collection of fixed values as a fresh copy per call, without asking n8n', () => {
		const additionalFields = { sendAt: '2026-01-01T10:00:00Z', tags: [{ name: 'flu' }] };
		const { context, calls } = contextWith({ additionalFields }, rows);
		const reader = withParameterShortcuts(context);
		const first = reader.getNodeParameter('additionalFields', 0) as typeof additionalFields;
		expect(first).toEqual(additionalFields);
		first.tags[0].name = 'changed by item 0';
		expect(reader.getNodeParameter('additionalFields', 1)).toEqual({
			sendAt: '2026-01-01T10:00:00Z',
			tags: [{ name: 'flu' }],
		});
		expect(additionalFields.tags[0].name).toBe('flu');
		expect(calls).toEqual([]);
	});

	it('leaves everything else to n8n: real expressions, collections holding them, nested names, missing or object fields', () => {
		const { context, calls } = contextWith(
			{
				messageText: '=Dear {{ $json.name }}',
				upper: '={{ $json.text.toUpperCase() }}',
				additionalFields: { sendAt: '={{ $json.when }}' },
				options: { tags: [{ name: '={{ $json.tag }}' }] },
				filters: { locationId: { __rl: true, mode: 'list', value: '11' } },
				patientId: { __rl: true, mode: 'id', value: '={{ $json.missing }}' },
				obj: '={{ $json.nested }}',
			},
			rows,
		);
		const reader = withParameterShortcuts(context);
		reader.getNodeParameter('messageText', 0);
		reader.getNodeParameter('upper', 0);
		reader.getNodeParameter('additionalFields', 0);
		reader.getNodeParameter('additionalFields.sendAt', 0);
		reader.getNodeParameter('options', 0);
		reader.getNodeParameter('filters', 0);
		reader.getNodeParameter('patientId', 1, '', { extractValue: true });
		reader.getNodeParameter('obj', 0);
		reader.getNodeParameter('notSet', 0);
		expect(calls.map(([name]) => name)).toEqual([
			'messageText',
			'upper',
			'additionalFields',
			'additionalFields.sendAt',
			'options',
			'filters',
			'patientId',
			'obj',
			'notSet',
		]);
	});

	it('copies the node once per run, however often an operation asks for it', () => {
		const { context } = contextWith({ messageType: 'sms' }, rows);
		let copies = 0;
		const getNode = context.getNode.bind(context);
		context.getNode = () => {
			copies++;
			return getNode();
		};
		const reader = withParameterShortcuts(context);
		const first = reader.getNode();
		expect(reader.getNode()).toBe(first);
		expect(first.parameters).toEqual({ messageType: 'sms' });
		expect(copies).toBe(1);
	});

	it('keeps every other method working on the original context', () => {
		const { context } = contextWith({}, rows);
		const reader = withParameterShortcuts(context) as unknown as { whoAmI: () => string };
		expect(reader.whoAmI()).toBe('original');
		expect(reader.whoAmI).toBe(reader.whoAmI);
	});
});
