import { CreateCustomers1764374400000 } from './1764374400000-create-customers';

export const customersMigrations = [CreateCustomers1764374400000];
