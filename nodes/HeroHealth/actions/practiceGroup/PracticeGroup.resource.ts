import type { INodeProperties } from 'n8n-workflow';

import * as createAccessToken from './createAccessToken.operation';
import * as get from './get.operation';
import * as getAppointmentTypes from './getAppointmentTypes.operation';
import * as getCapabilities from './getCapabilities.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as getElements from './getElements.operation';
import * as getLocations from './getLocations.operation';
import * as getNetwork from './getNetwork.operation';
import * as getPractitioner from './getPractitioner.operation';
import * as getPractitioners from './getPractitioners.operation';
import * as getSmsCredits from './getSmsCredits.operation';
import * as update from './update.operation';

export {
	createAccessToken,
	get,
	getAppointmentTypes,
	getCapabilities,
	getConfiguration,
	getElements,
	getLocations,
	getNetwork,
	getPractitioner,
	getPractitioners,
	getSmsCredits,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['practiceGroup'] } },
		options: [
			{
				name: 'Create Access Token',
				value: 'createAccessToken',
				description:
					'Create a 30-minute token for embedding Hero Elements in a web page. Hand it only to the page that embeds the element.',
				action: 'Create a 30 minute access token for an embedded element',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the practice group the credential acts for',
				action: 'Get the practice group',
			},
			{
				name: 'Get Capabilities',
				value: 'getCapabilities',
				description: 'Get what the practice group can do in Hero, e.g. send SMS',
				action: 'Get capabilities',
			},
			{
				name: 'Get Configuration',
				value: 'getConfiguration',
				description: 'Get the practice group’s Hero configuration',
				action: 'Get configuration',
			},
			{
				name: 'Get Many Appointment Types',
				value: 'getAppointmentTypes',
				description: 'List the appointment types patients can book, for Get Many Slots and Reserve',
				action: 'Get many appointment types for finding and reserving slots',
			},
			{
				name: 'Get Many Elements',
				value: 'getElements',
				description: 'List the Hero Elements (embeddable components) the practice group has',
				action: 'Get many elements',
			},
			{
				name: 'Get Many Locations',
				value: 'getLocations',
				description: 'List the locations set up for online booking, for Get Many Slots and Reserve',
				action: 'Get many locations for finding and reserving slots',
			},
			{
				name: 'Get Many Network Practice Groups',
				value: 'getNetwork',
				description: 'List the practice groups in the same Hero network, e.g. the PCN',
				action: 'Get many practice groups in the same network',
			},
			{
				name: 'Get Many Practitioners',
				value: 'getPractitioners',
				description:
					'List the practitioners set up for online booking, for Get Many Slots and Reserve',
				action: 'Get many practitioners for finding and reserving slots',
			},
			{
				name: 'Get Practitioner',
				value: 'getPractitioner',
				description: 'Get one practitioner',
				action: 'Get a practitioner',
			},
			{
				name: 'Get SMS Credits',
				value: 'getSmsCredits',
				description:
					'Get how many SMS credits the practice group has left; every SMS sent uses them',
				action: 'Get the SMS credits left which every SMS sent uses',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the practice group’s name, address or prescription partner',
				action: 'Update the practice group',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
	...getCapabilities.description,
	...getConfiguration.description,
	...getElements.description,
	...getAppointmentTypes.description,
	...getLocations.description,
	...getPractitioners.description,
	...getPractitioner.description,
	...getSmsCredits.description,
	...getNetwork.description,
	...createAccessToken.description,
];
