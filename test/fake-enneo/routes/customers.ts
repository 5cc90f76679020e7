import type { Router } from '../http';
import type { FakeState } from '../state';

export function registerCustomerRoutes(_router: Router<FakeState>): void {}
