import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import {
	addExpiryDate,
	addMaximumUseCount,
	checkDates,
	expiryDateField,
	maximumUseCountField,
} from './common';
import { requireLocatorId } from '../../helpers/parameters';
import { itemError, optionalText, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	patientLocator('The patient the file is for'),
	{
		displayName: 'File From',
		name: 'fileFrom',
		type: 'options',
		default: 'ehr',
		options: [
			{
				name: 'Clinical Record',
				value: 'ehr',
				description: 'A file already in the patient’s record (see Patient → Get Attachments)',
			},
			{
				name: 'Input File',
				value: 'binary',
				description: 'A file in the input item, e.g. from a Read File or HTTP Request node',
			},
		],
	},
	{
		displayName: 'EHR File ID',
		name: 'ehrFileId',
		type: 'string',
		default: '',
		required: true,
		description: 'The file’s ID, as Patient → Get Attachments lists it',
		displayOptions: { show: { fileFrom: ['ehr'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input field containing the file',
		displayOptions: { show: { fileFrom: ['binary'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			expiryDateField,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. results.pdf',
				description: 'For an input file: the name the patient sees, instead of the file’s own name',
			},
			maximumUseCountField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['createAttachmentLink'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/attachment_links' };

/**
 * Local checks: the patient, the file (its binary data read here, base64 in the body, or the EHR
 * file ID), the expiry date and the use count, as the request's body.
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<HeroRequest> {
	const node = this.getNode();
	const zone = this.getTimezone();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		patient_id: requireLocatorId.call(this, 'patientId', itemIndex, 'Patient'),
	};
	if (this.getNodeParameter('fileFrom', itemIndex) === 'binary') {
		const field = requireText(
			node,
			itemIndex,
			this.getNodeParameter('binaryPropertyName', itemIndex),
			'Input Binary Field',
		);
		const binary = this.helpers.assertBinaryData(itemIndex, field);
		const content = await this.helpers.getBinaryDataBuffer(itemIndex, field);
		if (!content.length) {
			throw itemError(node, itemIndex, `The file in "${field}" is empty`);
		}
		const fileName = optionalText(node, itemIndex, fields.fileName, 'File Name') || binary.fileName;
		body.file_data = content.toString('base64');
		body.file_name = requireText(node, itemIndex, fileName, 'File Name');
	} else {
		body.ehr_file_id = requireText(
			node,
			itemIndex,
			this.getNodeParameter('ehrFileId', itemIndex),
			'EHR File ID',
		);
	}
	const expiry = addExpiryDate(node, itemIndex, fields, body, zone);
	checkDates(node, itemIndex, { expiry }, zone);
	addMaximumUseCount(node, itemIndex, fields, body);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/**
 * A link to one file for a patient. The answer's attachment_uuid goes into Message → Send
 * (Attachment UUID) to send the link.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
