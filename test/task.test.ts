import { locator } from './helpers/constants';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('task → Get', () => {
	it('gets a task from the v2 endpoint', async () => {
		const task = {
			id: '88231',
			type_label: 'Care navigation',
			status: 'open',
			category: 'admin',
			patient: { id: '98765', dob: '1992-01-31T00:00:00Z' },
		};
		hero().get('/v2/tasks/88231').reply(200, task);
		const { json } = await runNode({
			parameters: { resource: 'task', operation: 'get', taskId: '88231' },
		});
		expect(json).toEqual([task]);
	});

	it('rejects a task ID that is not a number before sending anything', async () => {
		await expect(
			runNode({ parameters: { resource: 'task', operation: 'get', taskId: 'T-1' } }),
		).rejects.toThrow('Task ID "T-1" is not a Hero ID (item 0)');
	});
});

describe('task → Update', () => {
	const base = { resource: 'task', operation: 'update', taskId: '88231' };

	it('PATCHes status, priority and an admin assignee, and outputs the record not the envelope', async () => {
		hero()
			.patch('/v1/tasks/88231', {
				status: 'in_progress',
				priority: 'high',
				assignee_type: 'admin',
				assignee_id: '12',
			})
			.reply(200, { data: { id: '88231' } });
		const { json } = await runNode({
			parameters: {
				...base,
				updateFields: {
					status: 'in_progress',
					priority: 'high',
					assigneeAdminId: locator('12', 'list'),
				},
			},
		});
		expect(json).toEqual([{ id: '88231' }]);
	});

	it('assigns to an admin team', async () => {
		hero()
			.patch('/v1/tasks/88231', { assignee_type: 'admin_team', assignee_id: '7' })
			.reply(200, { data: { id: '88231' } });
		const { json } = await runNode({
			parameters: { ...base, updateFields: { assigneeTeamId: ' 7 ' } },
		});
		expect(json).toEqual([{ id: '88231' }]);
	});

	it.each([
		['no fields', {}, 'Update Fields is empty: add at least one field to change (item 0)'],
		[
			'both an admin and a team',
			{ assigneeAdminId: locator('12'), assigneeTeamId: '7' },
			'Assign to Admin and Assign to Admin Team ID are both set: a task has one assignee (item 0)',
		],
		[
			'a team ID that is not a number',
			{ assigneeTeamId: 'Reception' },
			'Assign to Admin Team ID "Reception" is not a Hero ID (item 0)',
		],
		['an empty admin', { assigneeAdminId: locator('') }, 'Assign to Admin is empty (item 0)'],
	])('rejects %s before sending anything', async (_case, updateFields, error) => {
		await expect(runNode({ parameters: { ...base, updateFields } })).rejects.toThrow(error);
	});
});
