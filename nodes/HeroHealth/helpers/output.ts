import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The record Hero answered, or `fallback` when it answered nothing useful (an empty body, `true`,
 * `"OK"`), so that every operation outputs an item that says what happened.
 */
export function recordOr(response: unknown, fallback: IDataObject): IDataObject {
	if (
		response &&
		typeof response === 'object' &&
		!Array.isArray(response) &&
		Object.keys(response).length
	) {
		return response as IDataObject;
	}
	return fallback;
}

/**
 * A field Simplify keeps: its name, or its name with the fields to keep inside it (an object, or
 * each object of an array).
 */
type SimpleField = string | readonly [string, readonly SimpleField[]];

/**
 * What Simplify keeps of each record type: the fields a workflow or an agent usually needs. The
 * README lists the same fields. A patient keeps `deceased_at` and `restricted`, which decide
 * whether the practice may contact them. Both of Hero's patient shapes (v1 `id`, v2 `hero_id`) are
 * covered; a field Hero did not send is left out.
 */
export const SIMPLE_FIELDS = {
	patient: [
		'id',
		'hero_id',
		'title',
		'first_name',
		'last_name',
		'dob',
		'nhs_number',
		'mobile',
		'email',
		'postcode',
		'deceased_at',
		'restricted',
		'ehr_partner_id',
	],
	appointment: [
		'id',
		'patient_id',
		'status',
		'start_time',
		'duration',
		'practitioner_id',
		'location_id',
		'appointment_type_id',
		'reserved_until',
		'booking_confirmed_at',
		'video_url',
	],
	slot: [
		'id',
		'start_time',
		'finish_time',
		'duration',
		'practitioner_id',
		'location_id',
		'appointment_type_id',
		'available',
	],
	message: [
		'id',
		'message_id',
		['patient', ['id', 'first_name', 'last_name']],
		'message_type',
		'status',
		'content',
		'created_at',
		'sent_at',
		'scheduled_at',
		'send_at',
		['write_to_record', ['status', 'failure_reason']],
	],
	episode: [
		'id',
		'status',
		'priority',
		'created_at',
		['assignees', ['type', 'name']],
		[
			'tasks',
			[
				'id',
				'type_label',
				'category',
				'status',
				'details',
				['patient', ['full_name', 'nhs_number', 'dob', 'mobile']],
			],
		],
	],
} as const satisfies Record<string, readonly SimpleField[]>;

export type SimpleRecordType = keyof typeof SIMPLE_FIELDS;

function pick(value: unknown, fields: readonly SimpleField[]): unknown {
	if (Array.isArray(value)) return value.map((entry) => pick(entry, fields));
	if (!value || typeof value !== 'object') return value;
	const source = value as IDataObject;
	const kept: IDataObject = {};
	for (const field of fields) {
		const [name, inner] = typeof field === 'string' ? [field, undefined] : field;
		if (source[name] === undefined) continue;
		kept[name] = (inner ? pick(source[name], inner) : source[name]) as IDataObject;
	}
	return kept;
}

/** The record with only the fields Simplify keeps for its type. */
export function simplifyRecord(record: IDataObject, type: SimpleRecordType): IDataObject {
	return pick(record, SIMPLE_FIELDS[type]) as IDataObject;
}

/**
 * An operation's Hero records as the Simplify toggle (`simple`) asks: the fields of
 * `SIMPLE_FIELDS[type]` when on, Hero's full records when off.
 */
export function simplified<T extends IDataObject | IDataObject[]>(
	context: IExecuteFunctions,
	itemIndex: number,
	type: SimpleRecordType,
	data: T,
): T {
	if (context.getNodeParameter('simple', itemIndex, true) !== true) return data;
	return (
		Array.isArray(data)
			? data.map((record) => simplifyRecord(record, type))
			: simplifyRecord(data, type)
	) as T;
}
