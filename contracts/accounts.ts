import { z } from 'zod';
import { ROLES } from './common.js';
import { Organisation } from './organisations.js';
import { endpoint, FileDownload, Id, NoContent, Page, pageQuery } from './http.js';

export const Me = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  organisation: Organisation,
});
export type Me = z.infer<typeof Me>;

export const SignIn = z.object({
  email: z.string().trim().email('E-mail không hợp lệ').max(200),
  password: z.string().min(1, 'Nhập mật khẩu').max(200),
});

/**
 * The signed-in account and what it may do beyond single records, by module
 * (`can['schools.import']`), computed by the server's policies.
 */
export const CurrentUser = Me.extend({ can: z.record(z.string(), z.boolean()) });
export type CurrentUser = z.infer<typeof CurrentUser>;

/** A new account: with a password, or without one to invite its owner by e-mail to choose it. */
export const AccountInput = z.object({
  email: z.string().trim().email('E-mail không hợp lệ').max(200),
  displayName: z.string().trim().min(2, 'Tên hiển thị cần ít nhất 2 ký tự').max(200),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200).optional(),
  role: z.enum(ROLES),
  organisationId: z.uuid('Mã định danh không hợp lệ'),
});

/** A change of an account's role, organisation or name (never one's own role or organisation). */
export const AccountUpdate = z.object({
  displayName: z.string().trim().min(2, 'Tên hiển thị cần ít nhất 2 ký tự').max(200).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid('Mã định danh không hợp lệ').optional(),
});

/** What the asker may do to an account (the same policy the routes enforce). */
export const AccountCan = z.object({
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  update: z.boolean(),
  resetPassword: z.boolean(),
  viewSignIns: z.boolean(),
});

/**
 * An account in the managers' list: whether it is active, whether its owner has yet to choose a
 * password (invited), and what the asker may do to it.
 */
export const Account = Me.extend({ active: z.boolean(), invited: z.boolean(), can: AccountCan });
export type Account = z.infer<typeof Account>;

/**
 * A link to set a password, sent by e-mail. Without an e-mail server the link itself is in this
 * one answer, for the inviter to pass on; it is never shown again (only its hash is stored).
 */
export const PasswordLink = z.object({ emailed: z.boolean(), link: z.string().nullable(), expiresAt: z.string() });
export type PasswordLink = z.infer<typeof PasswordLink>;

export const AccountCreated = Account.extend({ invitation: PasswordLink.nullable() });
export type AccountCreated = z.infer<typeof AccountCreated>;

export const AccountImportResult = z.object({
  created: z.number(),
  invitations: z.array(z.object({ email: z.string(), emailed: z.boolean(), link: z.string().nullable() })),
});
export type AccountImportResult = z.infer<typeof AccountImportResult>;

/** One sign-in to an account, successful or not. */
export const SignInEvent = z.object({
  id: z.number(),
  at: z.string(),
  success: z.boolean(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SignInEvent = z.infer<typeof SignInEvent>;

const Password = z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200);

export const PasswordChange = z.object({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại').max(200),
  newPassword: Password,
});
export const ResetRequest = z.object({ email: z.string().trim().email('E-mail không hợp lệ').max(200) });
export const ResetConfirm = z.object({
  token: z.string().trim().min(20, 'Mã đặt lại không hợp lệ').max(200),
  password: Password,
});

/**
 * The one answer of registration and of a reset request, whatever the e-mail: what happens
 * next is told by e-mail only, so the answer never reveals whether an account exists.
 */
export const CheckEmail = z.object({ status: z.literal('check_email') });

const tags = ['Tài khoản'] as const;
export const accountsApi = {
  signIn: endpoint({
    method: 'POST', path: '/api/v1/auth/sign-in', tags, public: true,
    summary: 'Đăng nhập bằng e-mail và mật khẩu; phiên lưu trong cookie HttpOnly',
    body: SignIn, responses: { 200: z.object({ user: CurrentUser }) },
  }),
  signOut: endpoint({
    method: 'POST', path: '/api/v1/auth/sign-out', tags, public: true,
    summary: 'Đăng xuất', responses: { 204: NoContent },
  }),
  me: endpoint({
    method: 'GET', path: '/api/v1/auth/me', tags, public: true,
    summary: 'Tài khoản đang đăng nhập và những việc được làm (user: null khi chưa đăng nhập)',
    responses: { 200: z.object({ user: CurrentUser.nullable() }) },
  }),
  list: endpoint({
    method: 'GET', path: '/api/v1/accounts', tags,
    summary: 'Danh sách tài khoản — quản trị: lọc theo vai trò, tổ chức, tìm theo e-mail hoặc tên; phân trang bằng cursor',
    query: z.object({ role: z.enum(ROLES).optional(), organisationId: z.uuid('Mã định danh không hợp lệ').optional(), q: z.string().trim().max(200).optional(), ...pageQuery(50, 200) }),
    responses: { 200: Page(Account) },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/accounts', tags,
    summary: 'Tạo tài khoản (quản trị; Sở cho trường và UBND xã trong tỉnh). Không có mật khẩu: gửi thư mời đặt mật khẩu (liên kết dùng một lần, hiệu lực 7 ngày); không có máy chủ thư thì liên kết trả về một lần duy nhất',
    body: AccountInput, responses: { 201: AccountCreated },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/accounts/:id', tags,
    summary: 'Đổi vai trò, tổ chức hoặc tên của tài khoản (không phải của chính mình); vai trò phải hợp loại tổ chức; mọi phiên của tài khoản kết thúc; ghi nhật ký',
    params: Id, body: AccountUpdate, responses: { 200: Account },
  }),
  deactivate: endpoint({
    method: 'POST', path: '/api/v1/accounts/:id/deactivate', tags,
    summary: 'Khoá tài khoản: mọi phiên đăng nhập của tài khoản kết thúc ngay; ghi nhật ký',
    params: Id, responses: { 200: Account },
  }),
  reactivate: endpoint({
    method: 'POST', path: '/api/v1/accounts/:id/reactivate', tags,
    summary: 'Mở lại tài khoản đã khoá; ghi nhật ký',
    params: Id, responses: { 200: Account },
  }),
  resetPassword: endpoint({
    method: 'POST', path: '/api/v1/accounts/:id/password-reset', tags,
    summary: 'Gửi cho tài khoản liên kết đặt lại mật khẩu (dùng một lần, hiệu lực 1 giờ); không có máy chủ thư thì liên kết trả về một lần duy nhất',
    params: Id, responses: { 200: PasswordLink },
  }),
  signIns: endpoint({
    method: 'GET', path: '/api/v1/accounts/:id/sign-ins', tags,
    summary: 'Lịch sử đăng nhập của tài khoản (thành công và thất bại; thời điểm, địa chỉ, trình duyệt) — chủ tài khoản và quản trị; mới nhất trước',
    params: Id, query: z.object({ ...pageQuery(20, 100) }), responses: { 200: Page(SignInEvent) },
  }),
  importTemplate: endpoint({
    method: 'GET', path: '/api/v1/accounts/import/template', tags, public: true,
    summary: 'Tệp mẫu nhập tài khoản trường học (.xlsx)',
    responses: { 200: FileDownload }, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  import: endpoint({
    method: 'POST', path: '/api/v1/accounts/import', tags,
    summary: 'Nhập tài khoản trường học từ .xlsx/.csv (mã trường, e-mail, tên hiển thị): kiểm tra mọi dòng, chỉ ghi khi toàn bộ tệp hợp lệ; mỗi tài khoản nhận thư mời',
    form: z.object({}), responses: { 200: AccountImportResult },
  }),
  changePassword: endpoint({
    method: 'POST', path: '/api/v1/auth/password', tags,
    summary: 'Đổi mật khẩu (cần mật khẩu hiện tại); các phiên khác của tài khoản kết thúc, phiên này giữ nguyên',
    body: PasswordChange, responses: { 204: NoContent },
  }),
  requestReset: endpoint({
    method: 'POST', path: '/api/v1/auth/password-reset', tags, public: true,
    summary: 'Quên mật khẩu: gửi mã đặt lại (hiệu lực 1 giờ, dùng một lần) tới e-mail nếu có tài khoản; câu trả lời luôn như nhau',
    body: ResetRequest, responses: { 202: CheckEmail },
  }),
  confirmReset: endpoint({
    method: 'POST', path: '/api/v1/auth/password-reset/confirm', tags, public: true,
    summary: 'Đặt mật khẩu mới bằng mã đã gửi qua e-mail; mọi phiên đăng nhập của tài khoản kết thúc',
    body: ResetConfirm, responses: { 204: NoContent },
  }),
};
