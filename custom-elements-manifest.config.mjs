/**
 * `npm run analyze`: custom-elements.json from the elements' JSDoc (and the shared base class), and
 * from it the framework typings in `dist/frameworks/` (React 19 JSX, Vue 3, Svelte 5), written by
 * the CEM integration plugins made for this. `npm run build` runs it last, after `tsc` wrote the
 * element classes' `.d.ts` that the typings import.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';

/**
 * The analyzer also records `dispatchEvent(new SomeEvent(detail))` as an event without a name (or
 * named after the argument); the `@fires` JSDoc names each real one, all `ccai-…`, so only those stay.
 */
function dropNamelessEvents() {
  return {
    name: 'drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events)
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('ccai-'));
        }
      }
    },
  };
}

/**
 * Modules come out in the order the file globbing returned them, which varies with the machine's
 * load: sort them, so the committed manifest and a fresh one compare equal.
 */
function sortModules() {
  return {
    name: 'sort-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/ccai-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [dropNamelessEvents(), sortModules(), frameworkTypings()],
};

/** The package's types, from `dist/frameworks/`: classes, events and their details. */
const TYPES = '../index.js';

/**
 * What a framework may pass for an attribute: what the attribute accepts (text, converted as the
 * element converts it; see src/internal/property-types.ts), or the property's own type.
 */
function attributeType(className, field) {
  const own = `import('${TYPES}').${className}['${field.name}']`;
  const text = field.type?.text ?? '';
  if (/\bnumber\b/.test(text)) return `${own} | string`;
  if (/\bboolean\b/.test(text)) return `${own} | ''`;
  if (/string\[\]/.test(text)) return `${own} | string`;
  return own;
}

/**
 * React 19 JSX, Vue 3 and Svelte 5 typings from the manifest, written by the CEM integration
 * plugins' generators into `dist/frameworks/*-elements.d.ts`, on a copy of the manifest whose
 * members carry `frameworkType` (what a template may pass, with the types imported inline from the
 * package) and whose events carry their `detail` type; then one file per framework that registers
 * them with the framework's own namespace, so an app imports `ccai-widgets/react` (or `/vue`,
 * `/svelte`) and writes no declaration.
 */
function frameworkTypings() {
  return {
    name: 'framework-typings',
    packageLinkPhase({ customElementsManifest }) {
      const manifest = structuredClone(customElementsManifest);
      for (const module of manifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const fields = new Map((declaration.members ?? []).map((member) => [member.name, member]));
          for (const attribute of declaration.attributes ?? []) {
            const field = fields.get(attribute.fieldName);
            attribute.frameworkType = { text: field ? attributeType(declaration.name, field) : 'string' };
          }
          for (const member of declaration.members ?? [])
            member.frameworkType = { text: `import('${TYPES}').${declaration.name}['${member.name}']` };
          for (const event of declaration.events ?? [])
            event.type = { text: `import('${TYPES}').${event.type.text}['detail']` };
        }
      }
      const options = { outdir: 'dist/frameworks', typesSrc: 'frameworkType', hideLogs: true };
      mkdirSync('dist/frameworks', { recursive: true });
      generateJsxTypes(manifest, { ...options, fileName: 'react-elements.d.ts' });
      generateVuejsTypes(manifest, { ...options, fileName: 'vue-elements.d.ts' });
      generateSvelteTypes(manifest, { ...options, fileName: 'svelte-elements.d.ts' });
      // React 19 and Svelte 5 set a prop as the element's property when the element has one
      // (`menuId`), else as an attribute (`menu-id`): both names are typed alike.
      const fields = new Map();
      for (const { declaration } of customElements(manifest))
        for (const attribute of declaration.attributes ?? [])
          if (attribute.fieldName && attribute.fieldName !== attribute.name)
            fields.set(attribute.name, attribute.fieldName);
      const withProperties = (text) =>
        text.replace(/^( +)"([a-z][\w-]*-[\w-]+)"(\?: [^\n]+)/gm, (line, indent, name, rest) =>
          fields.has(name) ? `${line}\n${indent}${fields.get(name)}${rest}` : line,
        );
      adjust('react-elements.d.ts', withProperties);
      adjust('vue-elements.d.ts', (text) =>
        text
          // vue-tsc looks `menu-id` up as the prop `menuId`, and a listener `@ccai-call-scheduled` as `onCcaiCallScheduled`.
          .replace(/^( +)"([a-z][\w-]*-[\w-]+)"(\?: [^\n]+)/gm, (line, indent, name, rest) => {
            const camel = name.startsWith('onccai-')
              ? camelOn(name.slice(2))
              : name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
            return `${line}\n${indent}${camel}${rest}`;
          })
          // Each tag also takes what any element takes in Vue (`id`, `lang`, `hidden`, `tabindex`, `role`,
          // `aria-*`, `@click`, …: its `HTMLAttributes`), and `data-*`.
          .replace(
            'import type { DefineComponent } from "vue";',
            'import type { DefineComponent, HTMLAttributes } from "vue";\n\n' +
              'type HostAttributes = HTMLAttributes & { [data: `data${Capitalize<string>}`]: unknown };',
          )
          .replace(/DefineComponent<(\w+Props)>/g, 'DefineComponent<$1 & HostAttributes>'),
      );
      adjust('svelte-elements.d.ts', (text) =>
        // Svelte 5 listens with attributes `onccai-call-scheduled`; `on:` and `bind:` are Svelte 4's.
        withProperties(
          text
            .replace(/"on:(ccai-[\w-]+)"/g, '"on$1"')
            .replace(/"bind:(\w+)"/g, '$1')
            .replace(/declare namespace svelteHTML \{[\s\S]*$/, '')
            .replace(/^type (\w+Props) =/gm, 'export type $1 ='),
        ),
      );
      const elements = [...customElements(manifest)];
      for (const [name, entry] of Object.entries(FRAMEWORK_ENTRIES))
        writeFileSync(`dist/frameworks/${name}.d.ts`, entry(elements));
    },
  };
}

/** The manifest's custom elements: each one's declaration, tag name and class name. */
function* customElements(manifest) {
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? [])
      if (declaration.customElement && declaration.tagName)
        yield { declaration, tag: declaration.tagName, name: declaration.name };
}

const camelOn = (name) => `on${name.replace(/(^|-)(\w)/g, (_, dash, letter) => letter.toUpperCase())}`;

function adjust(file, edit) {
  const path = `dist/frameworks/${file}`;
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

/** The imports of an entry: the tags' props from `./<framework>-elements.js`, their classes from the package. */
const imports = (elements, from) => {
  const props = elements.map(({ name }) => `${name}Props`).join(', ');
  const classes = elements.map(({ name }) => name).join(', ');
  return `import type { ${props} } from '${from}';\nimport type { ${classes} } from '../index.js';`;
};

/** `'ccai-call-status': Tag<CcaiCallStatusProps, CcaiCallStatus>;`, one line per tag. */
const tags = (elements, indent) =>
  elements.map(({ tag, name }) => `${indent}'${tag}': Tag<${name}Props, ${name}>;`).join('\n');

/**
 * The entries, `dist/frameworks/<framework>.d.ts`. In React and Svelte, a tag takes its own props
 * (attributes, properties, `on…` events) and what the framework lets any element take (React's
 * `HTMLAttributes` with `key` and a `ref` to the element's class; Svelte's, from `svelte/elements`),
 * and nothing else. Vue's are in `vue-elements.d.ts` (`DefineComponent`s).
 */
const FRAMEWORK_ENTRIES = {
  react: (elements) => `/** \`import 'ccai-widgets/react'\`: registers the elements and types them in React 19's JSX. */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${imports(elements, './react-elements.js')}
export * from '../index.js';

/** A tag's props, React's props of any element (\`ref\` is the element), and \`class\` (React 19 sets it on custom elements). */
type Tag<Props, Element> = Props & Omit<DetailedHTMLProps<HTMLAttributes<Element>, Element>, keyof Props> & { class?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${tags(elements, '      ')}
    }
  }
}
`,
  vue: () => `/** \`import 'ccai-widgets/vue'\`: registers the elements and types them in Vue 3 templates (vue-tsc). */
import './vue-elements.js';
export * from '../index.js';
`,
  svelte: (
    elements,
  ) => `/** \`import 'ccai-widgets/svelte'\`: registers the elements and types them in Svelte 5 markup. */
import type { HTMLAttributes } from 'svelte/elements';
${imports(elements, './svelte-elements.js')}
export * from '../index.js';

/** A tag's props, and Svelte's attributes and events of any element. */
type Tag<Props, Element extends EventTarget> = Props & Omit<HTMLAttributes<Element>, keyof Props>;

interface Elements {
${tags(elements, '  ')}
}

declare module 'svelte/elements' {
  interface SvelteHTMLElements extends Elements {}
}
declare global {
  /** What svelte-check types markup with. */
  namespace svelteHTML {
    interface IntrinsicElements extends Elements {}
  }
}
`,
};
