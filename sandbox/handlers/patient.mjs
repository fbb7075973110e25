// @ts-check
// Patients: PDS lookup, registration, records, EHR links, merges.
import { isValidNhsNumber } from '../seed.mjs';
import {
	checkBody,
	dateOf,
	invalid,
	list,
	normaliseName,
	normalisePostcode,
	notFound,
	patientOr404,
	patientView,
	q,
} from './common.mjs';

/**
 * @typedef {import('./common.mjs').Handler} Handler
 * @typedef {import('./common.mjs').State} State
 * @typedef {import('./common.mjs').PatientRow} PatientRow
 */

/** @param {PatientRow} patient @param {string} [dataSource] */
function patientRecordView(patient, dataSource) {
	return {
		ehr_partner_id: patient.ehr_partner_id,
		emis_id: patient.emis_id,
		deceased_at: patient.deceased_at,
		dob: patient.dob,
		title: patient.title,
		first_name: patient.first_name,
		last_name: patient.last_name,
		sex: patient.sex,
		nhs_number: patient.nhs_number,
		email: patient.email,
		mobile: patient.mobile,
		last_sync_at: patient.last_sync_at,
		data_source:
			dataSource === 'ehr' ? 'emis' : dataSource === 'hero' ? 'hero' : patient.data_source,
		restricted: patient.restricted,
		line_1: patient.address_line_1,
		line_2: patient.address_line_2,
		line_3: patient.address_line_3,
		town: patient.town,
		county: patient.county,
		postcode: patient.postcode,
		hero_id: patient.id,
		hero_uid: patient.uid,
		identifiers: [
			...(patient.nhs_number
				? [
						{
							source: 'nhs',
							name: 'nhs_number',
							role: 'main',
							label: 'NHS',
							value: patient.nhs_number,
						},
					]
				: []),
			...(patient.ehr_partner_id
				? [
						{
							source: 'ehr_partner',
							name: 'ehr_partner_id',
							role: 'secondary',
							label: 'EMIS',
							value: patient.ehr_partner_id,
						},
					]
				: []),
			{ source: 'hero', name: 'hero_id', role: 'secondary', label: 'Hero', value: patient.id },
		],
		ehr_registered: patient.ehr_partner_id !== null,
	};
}

/** A new practice patient (from PDS or from Register Patient). @param {State} state @param {Record<string, any>} person @param {string} dataSource */
export function addPatient(state, person, dataSource) {
	const id = String(state.nextPatientId++);
	const n = Number(id);
	const patient = /** @type {PatientRow} */ (
		/** @type {unknown} */ ({
			id,
			uid: `pat_${(n * 7919).toString(36).padStart(8, '0')}`,
			emis_id: dataSource === 'pds' ? null : null,
			ehr_partner_id: null,
			dob: person.dob,
			deceased_at: null,
			title: person.title ?? null,
			first_name: person.first_name ?? null,
			last_name: person.last_name ?? null,
			sex: person.sex ?? 'Not known',
			nhs_number: person.nhs_number ?? null,
			email: person.email ?? null,
			emails: person.email ? [person.email] : [],
			mobile: person.mobile ?? null,
			last_sync_at: null,
			address_line_1: person.address_line_1 ?? null,
			address_line_2: null,
			address_line_3: null,
			country: 'United Kingdom',
			postcode: person.postcode ?? null,
			town: person.postcode ? 'Leeds' : null,
			county: person.postcode ? 'West Yorkshire' : null,
			notes: null,
			verification_credentials: [],
			data_source: dataSource,
			restricted: false,
			sex_changed_at: null,
			status: 'unarchived',
			must_verify_identity: false,
		})
	);
	state.patients.set(id, patient);
	return patient;
}

/**
 * The digits of an NHS number (spaces and dashes allowed); a 400 unless the check digit is right.
 * @param {unknown} value
 */
function nhsNumberOf(value) {
	const digits = String(value ?? '').replace(/[\s-]/g, '');
	if (!isValidNhsNumber(digits)) {
		throw invalid(
			['nhs_number'],
			'a valid NHS number (10 digits, Modulus 11 check digit)',
			'Invalid NHS number',
			value,
		);
	}
	return digits;
}

/** @type {Record<string, Handler>} */
export const handlers = {
	'patient.pdsLookup': ({ state, body, ctx }) => {
		const dob = dateOf(body.dob);
		/** @type {Array<Record<string, any>>} */
		const practice = [...state.patients.values()];
		/** @type {(person: Record<string, any>) => boolean} */
		let matches;
		if (body.nhs_number !== undefined) {
			const digits = nhsNumberOf(body.nhs_number);
			matches = (person) => person.nhs_number === digits && person.dob === dob;
		} else {
			const forename = normaliseName(body.forename);
			const surname = normaliseName(body.surname);
			const postcode = normalisePostcode(body.postcode);
			matches = (person) =>
				normaliseName(person.first_name) === forename &&
				normaliseName(person.last_name) === surname &&
				normalisePostcode(person.postcode) === postcode &&
				person.dob === dob;
		}
		const existing = practice.find(matches);
		if (existing) {
			if (existing.must_verify_identity) {
				return {
					message: 'Patient must verify their identity before proceeding',
					login_url: `${ctx.url}/__sandbox/verify/${existing.uid}`,
				};
			}
			if (body.ehr_partner_id !== undefined) existing.ehr_partner_id = body.ehr_partner_id;
			return { patient_id: existing.id };
		}
		const spinePerson = /** @type {Array<Record<string, any>>} */ (state.spineOnly).find(matches);
		if (spinePerson) {
			const patient = addPatient(state, { ...spinePerson }, 'pds');
			if (body.ehr_partner_id !== undefined) patient.ehr_partner_id = body.ehr_partner_id;
			ctx.effect('patientsCreated', patient.id);
			return { patient_id: patient.id };
		}
		throw notFound('No patient found');
	},
	'patient.register': ({ state, body, ctx }) => {
		const digits = nhsNumberOf(body.nhs_number);
		const dob = dateOf(body.dob);
		if (!dob) throw invalid(['dob'], 'date of birth (YYYY-MM-DD)', 'dob is required', body.dob);
		const fields = ['title', 'first_name', 'last_name', 'sex', 'email', 'mobile'];
		const existing = [...state.patients.values()].find((patient) => patient.nhs_number === digits);
		if (existing) {
			if (existing.dob !== dob) {
				throw invalid(
					['dob'],
					`the date of birth on record for NHS number ${digits}`,
					'The NHS number belongs to a patient with another date of birth',
					body.dob,
				);
			}
			for (const field of fields)
				if (body[field] !== undefined) /** @type {any} */ (existing)[field] = body[field];
			if (body.email !== undefined) existing.emails = body.email ? [body.email] : [];
			ctx.effect('patientsUpdated', existing.id);
			return { patient_id: existing.id, created: false };
		}
		/** @type {Record<string, unknown>} */
		const person = { nhs_number: digits, dob };
		for (const field of fields) if (body[field] !== undefined) person[field] = body[field];
		const patient = addPatient(state, person, 'hero');
		ctx.effect('patientsCreated', patient.id);
		return { patient_id: patient.id, created: true };
	},
	'patient.get': ({ state, params }) => patientView(patientOr404(state, params.id)),
	'patient.getV2': (req) =>
		patientRecordView(patientOr404(req.state, req.params.id), q(req, 'data_source')),
	'patient.getAll': (req) => {
		const search = q(req, 'search')?.trim().toLowerCase();
		const field = q(req, 'field');
		const searchable = [
			'first_name',
			'last_name',
			'nhs_number',
			'emis_id',
			'email',
			'mobile',
			'ehr_partner_id',
		];
		if (field !== undefined && !searchable.includes(field)) {
			throw invalid(
				['field'],
				searchable.map((name) => `'${name}'`).join(' | '),
				`Cannot search on ${field}`,
				field,
			);
		}
		const patients = [...req.state.patients.values()]
			.filter((patient) => patient.status !== 'archived')
			.filter((patient) => {
				if (!search) return true;
				const compact = search.replace(/\s+/g, '');
				/** @param {string} name */
				const has = (name) => {
					const value = String(/** @type {any} */ (patient)[name] ?? '').toLowerCase();
					return name === 'nhs_number' || name === 'mobile'
						? value.includes(compact)
						: value.includes(search);
				};
				if (field) return has(field);
				const fullName = `${patient.first_name ?? ''} ${patient.last_name ?? ''}`.toLowerCase();
				return fullName.includes(search) || ['nhs_number', 'emis_id', 'email', 'mobile'].some(has);
			})
			.map(patientView);
		return list(req, patients);
	},
	'patient.getAttachments': (req) => {
		patientOr404(req.state, req.params.id);
		return list(
			req,
			req.state.attachments.filter((item) => item.patient_id === req.params.id),
		);
	},
	'patient.getEhrCandidates': (req) => {
		const patient = patientOr404(req.state, req.params.id);
		return list(req, [
			patientRecordView(
				{
					...patient,
					ehr_partner_id: patient.ehr_partner_id ?? String(500000 + Number(patient.id)),
				},
				'ehr',
			),
		]);
	},
	'patient.connectEhr': ({ state, params, body }) => {
		const patient = patientOr404(state, params.id);
		if (typeof body.ehr_partner_id !== 'string' || !body.ehr_partner_id) {
			throw invalid(
				['ehr_partner_id'],
				'string',
				'ehr_partner_id is required',
				body.ehr_partner_id,
			);
		}
		patient.ehr_partner_id = body.ehr_partner_id;
		return { patient_id: patient.id, ehr_partner_id: patient.ehr_partner_id, connected: true };
	},
	// Merges keep the patient in the path and fold the patient in the body into it (the node's reading).
	'patient.previewMerge': ({ state, params, body }) => {
		const kept = patientOr404(state, params.id);
		if (typeof body.patient_id !== 'string') {
			throw invalid(
				['patient_id'],
				'string',
				'patient_id (the other record of the same person) is required',
				body.patient_id,
			);
		}
		const merged = patientOr404(state, body.patient_id);
		if (merged.id === kept.id) {
			throw invalid(
				['patient_id'],
				'another patient',
				'A patient cannot be merged with itself',
				body.patient_id,
			);
		}
		return {
			merge_token: `merge_${kept.id}_${merged.id}`,
			patient: patientView(kept),
			merged_patient: patientView(merged),
		};
	},
	'patient.merge': ({ state, params, body, ctx }) => {
		const kept = patientOr404(state, params.id);
		const record = checkBody(body, {
			merge_token: { type: 'string', required: true },
			patient_id: { type: 'id' },
		});
		const mergedId = record.patient_id ?? /^merge_\d+_(\d+)$/.exec(String(record.merge_token))?.[1];
		if (!mergedId || record.merge_token !== `merge_${kept.id}_${mergedId}`) {
			throw invalid(
				['merge_token'],
				'the merge_token Preview Merge gave for these two patients',
				'Invalid merge token',
				record.merge_token,
			);
		}
		const merged = patientOr404(state, mergedId);
		if (merged.id === kept.id)
			throw invalid(['patient_id'], 'another patient', 'A patient cannot be merged with itself');
		if (merged.status === 'archived')
			throw invalid(
				['patient_id'],
				'a patient not merged yet',
				`Patient ${merged.id} was already merged`,
			);
		merged.status = 'archived';
		ctx.effect('patientsMerged', merged.id);
		return { patient_id: kept.id, merged_patient_id: merged.id };
	},
	'patient.getBillingInfo': ({ state, params }) => {
		const patient = patientOr404(state, params.id);
		return {
			patient_id: patient.id,
			billpayer_id: null,
			stripe_customer_id: null,
			membership_scheme: null,
			address: null,
		};
	},
	'patient.getPaymentMethods': (req) => {
		patientOr404(req.state, req.params.id);
		return list(req, []);
	},
};
