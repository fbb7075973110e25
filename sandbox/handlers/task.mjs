// @ts-check
// Tasks.
import { invalid, notFound } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'task.get': ({ state, params }) => {
		const task = state.tasks.find((item) => item.id === params.id);
		if (!task) throw notFound('Task not found');
		const patient = state.patients.get(task.patient_id);
		return {
			id: task.id,
			type_label: task.type_label,
			status: task.status,
			priority: task.priority,
			details: task.details,
			category: task.category,
			assignee_type: task.assignee_type,
			assignee_id: task.assignee_id,
			patient: patient
				? {
						id: patient.id,
						uid: patient.uid,
						ehr_partner_id: patient.ehr_partner_id,
						emis_id: patient.emis_id,
						deceased_at: patient.deceased_at,
						dob: patient.dob,
					}
				: { id: task.patient_id, dob: null },
		};
	},
	'task.update': ({ state, params, body, ctx }) => {
		const task = state.tasks.find((item) => item.id === params.id);
		if (!task) throw notFound('Task not found');
		if ((body.assignee_type === undefined) !== (body.assignee_id === undefined)) {
			throw invalid(
				[body.assignee_type === undefined ? 'assignee_type' : 'assignee_id'],
				'assignee_type and assignee_id together',
				'Give assignee_type and assignee_id together',
			);
		}
		for (const key of ['status', 'priority', 'assignee_type', 'assignee_id'])
			if (body[key] !== undefined) /** @type {any} */ (task)[key] = body[key];
		ctx.effect('tasksUpdated');
		return { data: { id: task.id } };
	},
};
