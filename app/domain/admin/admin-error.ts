import { DomainError } from '../errors';

// The admin's refusals: a DomainError whose key is `admin:errors.<code>` and whose field is the
// form field it is about (the route answers through the one converter, runWrite).

export type AdminErrorCode =
  | 'notFound' | 'taken' | 'invalidParent'
  | 'emailTaken' | 'departmentRequired' | 'departmentInvalid' | 'lastAdmin' | 'self' | 'languageNotInstalled';

export class AdminError extends DomainError<AdminErrorCode> {
  constructor(code: AdminErrorCode, field?: string) {
    super('admin', code, { status: code === 'notFound' ? 404 : 400, field });
    this.name = 'AdminError';
  }
}
