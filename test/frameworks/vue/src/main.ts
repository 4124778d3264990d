import { createApp } from 'vue';
import 'ccai-widgets/vue';
import App from './App.vue';

createApp(App).mount('#app');
