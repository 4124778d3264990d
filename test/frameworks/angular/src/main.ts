// An Angular app as the README shows it: a standalone component, CUSTOM_ELEMENTS_SCHEMA, one import.
import { bootstrapApplication } from '@angular/platform-browser';
import { SupportComponent } from './support.component';

bootstrapApplication(SupportComponent).catch((error: unknown) => console.error(error));
