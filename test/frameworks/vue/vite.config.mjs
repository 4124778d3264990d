import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  // Vue would otherwise try to resolve <ccai-…> as its own components and warn.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ccai-') } } })],
});
