import type { INode, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, deepCopy } from 'n8n-workflow';

import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';

/**
 * The Hero Health Tool node type as n8n 2.x builds it from `usableAsTool` (n8n's
 * `convertNodeToAiTool`): name and display name with a Tool suffix, an AI-tool output, and the
 * Tool Description parameters, whose automatic value is the operation's `action`.
 */
export function heroHealthTool(): INodeType {
	const description: INodeTypeDescription = deepCopy(new HeroHealth().description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	description.properties = [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
		...description.properties,
	];
	return { description };
}

/** The node's parameters with n8n's defaults filled in, as n8n's Workflow does before a run. */
export function withDefaults(nodeType: INodeType, parameters: INodeParameters): INodeParameters {
	return (
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters,
			true,
			false,
			{ typeVersion: 1 },
			nodeType.description,
		) ?? {}
	);
}

/** The description an AI agent sees for a Hero Health tool set to this resource and operation. */
export function toolDescriptionFor(resource: string, operation: string): string {
	const tool = heroHealthTool();
	const node: INode = {
		id: 'tool',
		name: 'Hero Health Tool',
		type: `CUSTOM.${tool.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: withDefaults(tool, { resource, operation }),
	};
	return NodeHelpers.getToolDescriptionForNode(node, tool);
}
