// @ts-check
// Episodes (with their tasks and patients) and notes.
import { iso } from '../seed.mjs';
import { invalid, list, notFound, qList } from './common.mjs';

/**
 * @typedef {import('./common.mjs').Handler} Handler
 * @typedef {import('./common.mjs').HandlerRequest} HandlerRequest
 * @typedef {import('./common.mjs').State} State
 * @typedef {import('./common.mjs').PatientRow} PatientRow
 */

/** @param {State} state @param {any} episode */
function episodeView(state, episode) {
	return {
		id: episode.id,
		status: episode.status,
		priority: episode.priority,
		assignees: episode.assignees,
		created_at: episode.created_at,
		tasks: state.tasks
			.filter((task) => task.episode_id === episode.id)
			.map((task) => {
				const patient = state.patients.get(task.patient_id);
				return {
					id: task.id,
					type_label: task.type_label,
					details: task.details,
					category: task.category,
					status: task.status,
					patient: patient ? episodePatientView(patient) : null,
				};
			}),
	};
}

/** The patient inside an episode's task. @param {PatientRow} patient */
function episodePatientView(patient) {
	return {
		uid: patient.uid,
		ehr_partner_id: patient.ehr_partner_id,
		emis_id: patient.emis_id,
		deceased_at: patient.deceased_at,
		dob: patient.dob,
		title: patient.title,
		first_name: patient.first_name,
		last_name: patient.last_name,
		sex: { Male: 'male', Female: 'female', Other: 'other' }[patient.sex] ?? 'unspecified',
		nhs_number: patient.nhs_number,
		email: patient.email,
		mobile: patient.mobile,
		last_sync_at: patient.last_sync_at,
		full_name: [patient.title, patient.first_name, patient.last_name].filter(Boolean).join(' '),
		contact_emails: patient.emails,
		registered_practitioner_name: 'Dr Amelia Hart',
		notes: patient.notes,
		membership_scheme_names: [],
		address: {
			line1: patient.address_line_1,
			line2: patient.address_line_2,
			line3: patient.address_line_3,
			town: patient.town ?? 'Leeds',
			county: patient.county,
			country: patient.country ?? 'United Kingdom',
			postcode: patient.postcode ?? '',
		},
	};
}

/** @param {HandlerRequest} req */
function episodes(req) {
	const statuses = qList(req, 'status');
	const priorities = qList(req, 'priority');
	const assigneeTypes = qList(req, 'assignee_type');
	const orderBy = qList(req, 'order_by');
	const descending = qList(req, 'order_descending');
	const rank = ['lowest', 'low', 'medium', 'high', 'highest'];
	const items = req.state.episodes.filter(
		(episode) =>
			(!statuses.length || statuses.includes(episode.status)) &&
			(!priorities.length || priorities.includes(episode.priority)) &&
			(!assigneeTypes.length ||
				episode.assignees.some((assignee) => assigneeTypes.includes(String(assignee.type)))),
	);
	orderBy.forEach((field, index) => {
		const direction = descending[index] === 'true' ? -1 : 1;
		items.sort((a, b) => {
			const left = field === 'priority' ? rank.indexOf(a.priority) : Date.parse(a.created_at);
			const right = field === 'priority' ? rank.indexOf(b.priority) : Date.parse(b.created_at);
			return (left - right) * direction;
		});
	});
	return list(
		req,
		items.map((episode) => episodeView(req.state, episode)),
	);
}

/** @type {Record<string, Handler>} */
export const handlers = {
	'episode.getAll': (req) => episodes(req),
	'episode.getAllV2': (req) => episodes(req),
	'episode.get': ({ state, params }) => {
		const episode = state.episodes.find((item) => item.id === params.id);
		if (!episode) throw notFound('Episode not found');
		return episodeView(state, episode);
	},
	'episode.update': ({ state, params, body }) => {
		const episode = state.episodes.find((item) => item.id === params.id);
		if (!episode) throw notFound('Episode not found');
		if (body.status !== undefined) episode.status = body.status;
		if (body.priority !== undefined) episode.priority = body.priority;
		if (body.assignees !== undefined) {
			episode.assignees = body.assignees.map((/** @type {any} */ assignee) => ({
				type: assignee.type,
				id: assignee.id ?? null,
				name: assignee.name ?? null,
			}));
		}
		return episodeView(state, episode);
	},
	'episode.createNote': ({ state, body, ctx }) => {
		if (typeof body.episode_id !== 'string')
			throw invalid(['episode_id'], 'string', 'episode_id is required', body.episode_id);
		if (typeof body.description !== 'string' || !body.description.trim())
			throw invalid(
				['description'],
				'string of at least 1 character(s)',
				'description is required',
				body.description,
			);
		if (!state.episodes.some((item) => item.id === body.episode_id))
			throw notFound('Episode not found');
		const note = {
			id: state.nextNoteId++,
			episode_id: body.episode_id,
			description: body.description,
			admin: { id: 601, first_name: 'Helen', last_name: 'Marsh', full_name: 'Helen Marsh' },
			practice_group_id: Number(ctx.practiceGroupId),
			created_at: iso(ctx.now()),
		};
		state.notes.push(note);
		ctx.effect('notesCreated');
		return note;
	},
};
