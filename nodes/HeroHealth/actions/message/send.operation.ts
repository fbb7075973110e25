import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, simplifyToggle } from '../common.descriptions';
import type { ParameterReader } from '../../helpers/parameterReader';
import {
	normaliseDateTime,
	normaliseEmail,
	normaliseUkMobile,
	optionalText,
	requireId,
	requireMessageText,
	requireNumber,
	scalarText,
} from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { simplified } from '../../helpers/output';
import { smsParts } from '../../helpers/sms';
import type { OperationRun, RunSetup } from '../operation';
import { campaignOptionsDescription, SendRun, type PreparedSend } from './campaign';

const properties: INodeProperties[] = [
	patientLocator('The Hero patient to message (from PDS Lookup, for example)'),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'sms',
		options: [
			{ name: 'Email', value: 'email', description: 'Sent by Hero’s email provider' },
			{ name: 'Hero', value: 'hero', description: 'Shown in the patient’s Hero account only' },
			{
				name: 'NHS App',
				value: 'nhs_app',
				description: 'Sent to the NHS App; falls back if not opened within an hour',
			},
			{ name: 'SMS', value: 'sms', description: 'Sent by the practice’s own SMS provider' },
		],
	},
	{
		displayName: 'Message',
		name: 'messageText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The text the patient receives',
	},
	simplifyToggle(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Assignee ID',
				name: 'assigneeId',
				type: 'number',
				default: 0,
				description: 'Admin or admin team that replies are assigned to',
			},
			{
				displayName: 'Assignee Type',
				name: 'assigneeType',
				type: 'options',
				default: 'Admin',
				options: [
					{ name: 'Admin', value: 'Admin' },
					{ name: 'Admin Team', value: 'AdminTeam' },
				],
			},
			{
				displayName: 'Attachment UUID',
				name: 'attachmentUuid',
				type: 'string',
				default: '',
				description: 'From Link → Create Attachment Link',
			},
			{
				displayName: 'Auto Write to Record',
				name: 'autoWriteToRecord',
				type: 'boolean',
				default: false,
				description:
					'Whether to write to the clinical record without an admin’s approval (only if the API key is allowed to)',
			},
			{
				displayName: 'Encrypted',
				name: 'encrypted',
				type: 'boolean',
				default: false,
				description: 'Whether the patient must log in to read the message',
			},
			{
				displayName: 'Fallback Contact',
				name: 'fallbackContactDetail',
				type: 'string',
				default: '',
				description: 'Mobile number or email for the fallback; defaults to the patient record',
			},
			{
				displayName: 'Fallback Type',
				name: 'fallbackMessageType',
				type: 'options',
				default: 'sms',
				description: 'How to reach the patient if the NHS App message is not read',
				options: [
					{ name: 'Email', value: 'email' },
					{ name: 'SMS', value: 'sms' },
				],
			},
			{
				displayName: 'Recipient',
				name: 'recipientContactDetail',
				type: 'string',
				default: '',
				description:
					'Mobile number (SMS) or email address to send to; defaults to the one on the patient record',
			},
			{
				displayName: 'Send At',
				name: 'sendAt',
				type: 'dateTime',
				default: '',
				description:
					'Schedule the message for later. A time without a zone is read in the workflow’s time zone.',
			},
			{
				displayName: 'Short Link ID',
				name: 'shortLinkId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'SNOMED Code',
				name: 'snomedCode',
				type: 'string',
				default: '',
				description: 'Code written to the record; Hero picks one per message type when empty',
			},
			{
				displayName: 'SNOMED Term',
				name: 'snomedTerm',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				default: '',
				description: 'Inbox task the message belongs to',
			},
			{
				displayName: 'Write to Record',
				name: 'writeToRecord',
				type: 'boolean',
				default: false,
				description:
					'Whether to write the message to the clinical record once an admin approves it',
			},
		],
	},
	campaignOptionsDescription,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/messages/send' };

/** Checks a contact detail for the channel it is used on: a UK mobile for SMS, an address for email. */
function contactFor(
	node: INode,
	itemIndex: number,
	channel: unknown,
	value: unknown,
	field: string,
): string {
	const text = scalarText(node, itemIndex, value, field);
	if (channel === 'sms') return normaliseUkMobile(node, itemIndex, text, field);
	if (channel === 'email' && text) return normaliseEmail(node, itemIndex, text, field);
	return text;
}

/** Campaign Options (once per campaign, preview, SMS credits, sending window): see campaign.ts. */
export function prepareRun(this: IExecuteFunctions, setup: RunSetup): SendRun {
	return new SendRun(this, setup);
}

/**
 * Local checks: the patient, the text for its channel, contacts, dates and fields, and with Campaign
 * Options the campaign key. Reads through `parameters` (helpers/parameterReader.ts): a campaign
 * prepares thousands of these.
 */
export function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	parameters: ParameterReader,
	run?: OperationRun,
): PreparedSend {
	const { node } = parameters;
	const messageType = parameters.get('messageType', itemIndex) as string;
	const fields = parameters.get('additionalFields', itemIndex, {}) as IDataObject;
	const patientId = parameters.get('patientId', itemIndex, '', { extractValue: true });
	const body: IDataObject = {
		// Raw, so a list (`["102"]`) is refused rather than read as 102.
		patient_id: requireId(node, itemIndex, patientId, 'Patient'),
		message_type: messageType,
		message_string: requireMessageText(
			node,
			itemIndex,
			parameters.get('messageText', itemIndex),
			'Message',
			// An NHS App message not read within the hour goes again by the fallback, SMS too.
			messageType === 'nhs_app' && fields.fallbackMessageType === 'sms' ? 'sms' : messageType,
		),
	};
	if (fields.recipientContactDetail) {
		body.recipient_contact_detail = contactFor(
			node,
			itemIndex,
			messageType,
			fields.recipientContactDetail,
			'Recipient',
		);
	}
	if (fields.fallbackMessageType) body.fallback_message_type = fields.fallbackMessageType;
	if (fields.fallbackContactDetail) {
		body.fallback_contact_detail = contactFor(
			node,
			itemIndex,
			fields.fallbackMessageType ?? 'sms',
			fields.fallbackContactDetail,
			'Fallback Contact',
		);
	}
	if (fields.sendAt) {
		body.send_at = normaliseDateTime(node, itemIndex, fields.sendAt, 'Send At', this.getTimezone());
	}
	for (const [option, apiName] of [
		['writeToRecord', 'write_to_record'],
		['autoWriteToRecord', 'auto_write_to_record'],
		['encrypted', 'encrypted'],
	] as const) {
		if (fields[option] !== undefined) body[apiName] = fields[option] === true;
	}
	for (const [option, apiName, field] of [
		['snomedCode', 'snomed_code', 'SNOMED Code'],
		['snomedTerm', 'snomed_term', 'SNOMED Term'],
		['taskId', 'task_id', 'Task ID'],
		['attachmentUuid', 'attachment_uuid', 'Attachment UUID'],
		['shortLinkId', 'short_link_id', 'Short Link ID'],
	] as const) {
		const value = optionalText(node, itemIndex, fields[option], field);
		if (value) body[apiName] = value;
	}
	if (fields.assigneeId) {
		body.assignee_id = requireNumber(node, itemIndex, fields.assigneeId, 'Assignee ID', {
			integer: true,
			min: 1,
		});
		body.assignee_type = fields.assigneeType ?? 'Admin';
	}
	const request = { ...endpointRequest(node, endpoint, { body, itemIndex }), body };
	return { request, campaign: run instanceof SendRun ? run.plan(itemIndex, body) : undefined };
}

/** Sends the message (as Campaign Options say); Simplify adds what an SMS costs. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	prepared: PreparedSend,
	run?: OperationRun,
): Promise<IDataObject> {
	const { body } = prepared.request;
	const send = async () => {
		const sent = await client.request(prepared.request);
		const output = simplified(this, itemIndex, 'message', sent);
		// Simplify says what an SMS costs: its parts and encoding (helpers/sms.ts).
		if (output !== sent && body.message_type === 'sms') {
			const { parts, encoding } = smsParts(String(body.message_string));
			return { ...output, sms_parts: parts, sms_encoding: encoding };
		}
		return output;
	};
	return run instanceof SendRun ? await run.send(itemIndex, prepared, send) : await send();
}
