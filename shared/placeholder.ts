export const APP_NAME = 'FieldCRM';
