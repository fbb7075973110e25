import type { INodeProperties } from 'n8n-workflow';

import * as connectEhr from './connectEhr.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAttachments from './getAttachments.operation';
import * as getBillingInfo from './getBillingInfo.operation';
import * as getEhrCandidates from './getEhrCandidates.operation';
import * as getPaymentMethods from './getPaymentMethods.operation';
import * as merge from './merge.operation';
import * as pdsLookup from './pdsLookup.operation';
import * as previewMerge from './previewMerge.operation';
import * as register from './register.operation';

export {
	connectEhr,
	get,
	getAll,
	getAttachments,
	getBillingInfo,
	getEhrCandidates,
	getPaymentMethods,
	merge,
	pdsLookup,
	previewMerge,
	register,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{
				name: 'Connect to EHR',
				value: 'connectEhr',
				description: 'Link the patient to their record in the clinical system',
				action: 'Connect a patient to their EHR record',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a patient by their Hero patient ID (from PDS Lookup or Get Many)',
				action: 'Get a patient by their patient ID',
			},
			{
				name: 'Get Attachments',
				value: 'getAttachments',
				description: 'List the files in the patient’s clinical record',
				action: 'Get attachments of a patient',
			},
			{
				name: 'Get Billing Info',
				value: 'getBillingInfo',
				description: 'Get the patient’s billing details',
				action: 'Get billing info of a patient',
			},
			{
				name: 'Get EHR Candidates',
				value: 'getEhrCandidates',
				description: 'List clinical system records that may be this patient',
				action: 'Get EHR candidates for a patient',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Search the practice group’s patients; one item per patient, with their Hero patient ID',
				action: 'Get many patients matching a name or NHS number or contact detail',
			},
			{
				name: 'Get Payment Methods',
				value: 'getPaymentMethods',
				description: 'List the payment methods saved for the patient',
				action: 'Get payment methods of a patient',
			},
			{
				name: 'Merge',
				value: 'merge',
				description:
					'Merge two records of the same patient, with the token from Preview Merge. This cannot be undone.',
				action: 'Merge two records of the same patient for good using the token from preview merge',
			},
			{
				name: 'PDS Lookup',
				value: 'pdsLookup',
				description:
					'Trace a patient on the NHS Spine (PDS) by NHS number, or by name and postcode, with their date of birth. Returns their Hero patient ID and registers them in Hero if they are new; if Hero cannot confirm who they are, returns a login link the patient must open first.',
				action: 'Trace a patient on PDS to get their patient ID and register them if new',
			},
			{
				name: 'Preview Merge',
				value: 'previewMerge',
				description:
					'See what merging two patient records would do, and get the merge token. Changes nothing.',
				action: 'Preview merging two patients to get the token merge needs',
			},
			{
				name: 'Register',
				value: 'register',
				description:
					'Create or update a patient, matched on NHS number and date of birth, without a PDS trace. Returns their Hero patient ID.',
				action: 'Register a patient without a PDS trace by creating or updating them',
			},
		],
		default: 'pdsLookup',
	},
	...pdsLookup.description,
	...register.description,
	...get.description,
	...getAll.description,
	...getAttachments.description,
	...getEhrCandidates.description,
	...connectEhr.description,
	...previewMerge.description,
	...merge.description,
	...getBillingInfo.description,
	...getPaymentMethods.description,
];
