// js-yaml (a devDependency) ships no types; the description test only needs `load`.
declare module 'js-yaml' {
	export function load(text: string): unknown;
}
