import { createApp } from 'vue';
import '@bieumau/elements';
import App from './App.vue';

createApp(App).mount('#app');
