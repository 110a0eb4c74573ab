import './lib/zod-without-eval';
import { mount } from 'svelte';
import App from './App.svelte';
import { faults } from './lib/state/faults.svelte';
import './styles/app.css';

// Anything that escapes a handler is shown to the operator instead of dying silently in
// the console; the page keeps running.
window.addEventListener('error', (event) => faults.report(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => faults.report(event.reason));

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
