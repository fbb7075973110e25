import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { itemError, requireId, requireText, scalarText } from '../../helpers/validation';

export const formResponseIdField: INodeProperties = {
	displayName: 'Form Response ID',
	name: 'formResponseId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5540',
	description: 'The ID of the form response, e.g. from a Form Submission Created webhook',
};

export function requireFormResponseId(this: IExecuteFunctions, itemIndex: number): string {
	return requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('formResponseId', itemIndex),
		'Form Response ID',
	);
}

/**
 * A Hero ID as the number Hero's FormResponse example shows (`"form_id": 0`): a number or a
 * numeric text is accepted, and one too long to be a JSON number exactly is refused.
 */
export function requireNumericId(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
): number {
	const id = Number(requireId(node, itemIndex, value, field));
	if (!Number.isSafeInteger(id))
		throw itemError(node, itemIndex, `${field} is too long for a Hero ID`);
	return id;
}

/** The Answers list; `pickQuestion` lets the question be chosen from the chosen form. */
export function answersField(pickQuestion: boolean): INodeProperties {
	const question: INodeProperties = pickQuestion
		? {
				displayName: 'Question Name or ID',
				name: 'questionId',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getFormQuestions',
					loadOptionsDependsOn: ['formId.value'],
				},
				default: '',
				description:
					'The question of the form this answers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			}
		: {
				displayName: 'Question ID',
				name: 'questionId',
				type: 'string',
				default: '',
				description: 'The question’s ID, as Form → Get lists it among the form’s fields',
			};
	return {
		displayName: 'Answers',
		name: 'answers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Answer',
		default: {},
		options: [
			{
				displayName: 'Answer',
				name: 'answer',
				values: [
					question,
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The answer as the patient would give it',
					},
				],
			},
		],
	};
}

/** Answers as `[{form_question_id, value}]`; each needs a question, and a question is answered once. */
export function readAnswers(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const node = this.getNode();
	const collection = this.getNodeParameter('answers', itemIndex, {}) as IDataObject;
	const rows = (collection.answer as IDataObject[] | undefined) ?? [];
	if (!rows.length) {
		throw itemError(node, itemIndex, 'Answers is empty: add at least one answer');
	}
	const seen = new Set<string>();
	return rows.map((row, position) => {
		const questionId = requireText(
			node,
			itemIndex,
			row.questionId,
			`Question of answer ${position + 1}`,
		);
		if (seen.has(questionId)) {
			throw itemError(node, itemIndex, `Question ${questionId} is answered twice`);
		}
		seen.add(questionId);
		const value = scalarText(node, itemIndex, row.value, `Answer ${position + 1}`);
		return { form_question_id: questionId, value };
	});
}
