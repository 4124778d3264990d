import { mount } from 'svelte';
import 'ccai-widgets/svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
