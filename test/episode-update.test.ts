import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';
import { control, credentials } from './helpers/sandbox';

useHeroMocks();

/** Episode → Update: PATCH /v1/episodes/{id} with { status, priority, assignees }. */

describe('episode → Update', () => {
	const base = { resource: 'episode', operation: 'update', episodeId: '5123' };

	it('sends status, priority and the assignees as [{type, id, name}]', async () => {
		hero()
			.patch('/v1/episodes/5123', {
				status: 'in_progress',
				priority: 'high',
				assignees: [
					{ type: 'Admin', id: '601', name: 'Helen Marsh' },
					{ type: 'AdminTeam', id: '7' },
				],
			})
			.reply(200, { id: '5123', status: 'in_progress' });
		const { json } = await runNode({
			parameters: {
				...base,
				updateFields: {
					status: 'in_progress',
					priority: 'high',
					assignees: {
						assignee: [
							{ type: 'Admin', id: '601', name: 'Helen Marsh' },
							{ type: 'AdminTeam', id: ' 7 ', name: '' },
						],
					},
				},
			},
		});
		expect(json).toEqual([{ id: '5123', status: 'in_progress' }]);
	});

	it.each([
		[{}, 'Update Fields is empty: add at least one field to change (item 0)'],
		[{ assignees: {} }, 'Assignees is empty: add an assignee (item 0)'],
		[
			{ assignees: { assignee: [{ type: 'Admin', id: 'Helen', name: '' }] } },
			'ID of assignee 1 "Helen" is not a Hero ID (item 0)',
		],
		[
			{ assignees: { assignee: [{ type: 'Admin', id: '41', name: ['Dr', 'Patel'] }] } },
			'Name of assignee 1 is a list (2 values), not one value (item 0)',
		],
	])('refuses %j before sending anything', async (updateFields, message) => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, updateFields },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe(message);
	});

	it('closes an episode in the sandbox', async () => {
		await control.reset();
		const { json } = await runNode({
			parameters: { ...base, episodeId: '901', updateFields: { status: 'closed' } },
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ id: '901', status: 'closed' });
	});
});
