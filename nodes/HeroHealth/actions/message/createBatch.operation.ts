import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	itemError,
	normaliseDate,
	normaliseNhsNumber,
	requireMessageText,
	requireText,
} from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Batch Name',
		name: 'batchName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Flu clinic invites October',
		description: 'A name to find the batch by in Hero',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'SMS',
		options: [
			{ name: 'Email', value: 'EMAIL' },
			{ name: 'NHS App', value: 'NHS_APP' },
			{ name: 'SMS', value: 'SMS' },
		],
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: 'Subject line of the email',
		displayOptions: { show: { channel: ['EMAIL'] } },
	},
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The text every recipient receives',
	},
	{
		displayName: 'Recipients From',
		name: 'recipientsFrom',
		type: 'options',
		default: 'list',
		options: [
			{
				name: 'List Below',
				value: 'list',
				description: 'Type each patient’s NHS number and date of birth',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'An array of patients, mapped from an input field',
			},
		],
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Recipient',
		default: {},
		displayOptions: { show: { recipientsFrom: ['list'] } },
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [
					{
						displayName: 'NHS Number',
						name: 'nhsNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. 999 000 0018',
					},
					{
						displayName: 'Date of Birth',
						name: 'dateOfBirth',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1992-01-31 or 31/01/1992',
					},
				],
			},
		],
	},
	{
		displayName: 'Recipients (JSON)',
		name: 'recipientsJson',
		type: 'json',
		default: '[]',
		required: true,
		placeholder: '[{"nhs_number": "9990000018", "dob": "1992-01-31"}]',
		description:
			'An array of patients, each with nhs_number and dob. Each input item makes one batch: to send to many rows, first gather them into one item (e.g. with a Code or Aggregate node) and map that array here.',
		displayOptions: { show: { recipientsFrom: ['json'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['createBatch'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/batch_message' };

/** The recipients as the user gave them, before checking: pairs of NHS number and date of birth. */
function rawRecipients(
	this: IExecuteFunctions,
	itemIndex: number,
): Array<{ nhsNumber: unknown; dob: unknown }> {
	const node = this.getNode();
	if (this.getNodeParameter('recipientsFrom', itemIndex) === 'list') {
		const collection = this.getNodeParameter('recipients', itemIndex, {}) as {
			recipient?: Array<{ nhsNumber?: unknown; dateOfBirth?: unknown }>;
		};
		return (collection.recipient ?? []).map((entry) => ({
			nhsNumber: entry.nhsNumber,
			dob: entry.dateOfBirth,
		}));
	}
	let value = this.getNodeParameter('recipientsJson', itemIndex) as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value.trim() || '[]');
		} catch {
			throw itemError(node, itemIndex, 'Recipients (JSON) is not valid JSON');
		}
	}
	if (!Array.isArray(value)) {
		throw itemError(
			node,
			itemIndex,
			'Recipients (JSON) is not an array',
			'Give an array such as [{"nhs_number": "9990000018", "dob": "1992-01-31"}]',
		);
	}
	return value.map((entry, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			throw itemError(
				node,
				itemIndex,
				`Recipient ${index + 1} is not an object with nhs_number and dob`,
			);
		}
		const record = entry as IDataObject;
		return { nhsNumber: record.nhs_number, dob: record.dob };
	});
}

/** Local checks: name, channel, text, and every recipient's NHS number and date of birth. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const channel = this.getNodeParameter('channel', itemIndex) as string;
	const body: IDataObject = {
		name: requireText(node, itemIndex, this.getNodeParameter('batchName', itemIndex), 'Batch Name'),
		channel,
	};
	if (channel === 'EMAIL') {
		body.subject = requireText(
			node,
			itemIndex,
			this.getNodeParameter('subject', itemIndex),
			'Subject',
		);
	}
	body.content = requireMessageText(
		node,
		itemIndex,
		this.getNodeParameter('content', itemIndex),
		'Message',
		channel,
	);

	const seen = new Map<string, number>();
	const recipients = rawRecipients.call(this, itemIndex).map((entry, index) => {
		const label = `Recipient ${index + 1}`;
		const nhsNumber = normaliseNhsNumber(node, itemIndex, entry.nhsNumber, `${label} NHS Number`);
		const dob = normaliseDate(node, itemIndex, entry.dob, `${label} Date of Birth`, {
			notInFuture: true,
			timeZone: this.getTimezone(),
		});
		const earlier = seen.get(nhsNumber);
		if (earlier !== undefined) {
			throw itemError(
				node,
				itemIndex,
				`${label} repeats the NHS number of recipient ${earlier}`,
				'Each patient can be in a batch once',
			);
		}
		seen.set(nhsNumber, index + 1);
		return { nhs_number: nhsNumber, dob };
	});
	if (!recipients.length) throw itemError(node, itemIndex, 'Recipients is empty');
	body.recipients = recipients;
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/** Creates the batch in Hero; nothing is sent until Send Batch. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
