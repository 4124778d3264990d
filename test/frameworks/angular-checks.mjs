// What the Angular app's test reads: ngc's errors, and the names an Angular template binds on the
// <ccai-…> tags, which Angular's compiler does not check under CUSTOM_ELEMENTS_SCHEMA. Templates are
// read with Angular's own parser (@angular/compiler's parseTemplate), as ngc reads them.
import { stripVTControlCharacters } from 'node:util';
import { BindingType, parseTemplate } from '@angular/compiler';

/** ngc's errors in its output, each as `file:line: TSnnnn message`, colours stripped. */
export function ngcErrors(output) {
  return [...stripVTControlCharacters(output).matchAll(/^(\S+):(\d+):\d+ - error (TS\d+): (.*)$/gm)].map(
    ([, file, line, code, message]) => `${file}:${line}: ${code} ${message}`,
  );
}

/** Attributes any element takes, which custom-elements.json does not list. */
const GLOBAL = /^(id|class|style|hidden|lang|dir|title|slot|tabindex|aria-[a-z]+)$/;

/**
 * Every attribute, property binding and event binding on a <ccai-…> tag, in the inline templates
 * of a component's `source`, that `manifest` (custom-elements.json) does not list for that tag, as
 * `<tag> name: no such …`; an unknown <ccai-…> tag as `<tag>: no such tag`.
 */
export function unknownBindings(source, manifest) {
  const elements = new Map(
    manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .flatMap((declaration) => (declaration.tagName ? [[declaration.tagName, declaration]] : [])),
  );
  const unknown = [];
  const check = (node, element) => {
    const tag = `<${node.name}>`;
    if (!element) return void unknown.push(`${tag}: no such tag`);
    const attributes = new Set((element.attributes ?? []).map((attribute) => attribute.name));
    const properties = new Set(
      (element.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static).map((m) => m.name),
    );
    const events = new Set((element.events ?? []).map((event) => event.name));
    for (const { name } of node.attributes)
      if (!attributes.has(name) && !GLOBAL.test(name)) unknown.push(`${tag} ${name}: no such attribute`);
    for (const { name, type } of node.inputs) {
      if (type === BindingType.Property && !properties.has(name) && !GLOBAL.test(name))
        unknown.push(`${tag} [${name}]: no such property`);
      if (type === BindingType.Attribute && !attributes.has(name) && !GLOBAL.test(name))
        unknown.push(`${tag} [attr.${name}]: no such attribute`);
    }
    for (const { name } of node.outputs) if (!events.has(name)) unknown.push(`${tag} (${name}): no such event`);
  };
  const visit = (nodes) => {
    for (const node of nodes) {
      if (typeof node.name === 'string' && node.name.startsWith('ccai-')) check(node, elements.get(node.name));
      // Elements' children, and the contents of @if, @for (and @empty), @switch and @defer blocks.
      for (const key of ['children', 'branches', 'groups']) if (Array.isArray(node[key])) visit(node[key]);
      for (const key of ['empty', 'placeholder', 'loading', 'error']) if (node[key]?.children) visit([node[key]]);
    }
  };
  for (const [, template] of source.matchAll(/template: `([^`]*)`/g)) {
    const { nodes, errors } = parseTemplate(template, 'template.html', {});
    if (errors?.length) throw new Error(`the template does not parse: ${errors.join('; ')}`);
    visit(nodes);
  }
  return unknown;
}
