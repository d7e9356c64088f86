import { z } from 'zod';
import { ROLES } from './common.js';
import { Organisation } from './organisations.js';
import { endpoint, Id, NoContent, Page, pageQuery } from './http.js';

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

export const AccountInput = z.object({
  email: z.string().trim().email('E-mail không hợp lệ'),
  displayName: z.string().trim().min(2).max(200),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200),
  role: z.enum(ROLES),
  organisationId: z.uuid('Mã định danh không hợp lệ'),
});

/** An account in the administrators' list: whether it is active and what the asker may do to it. */
export const Account = Me.extend({ active: z.boolean(), can: z.object({ deactivate: z.boolean() }) });
export type Account = z.infer<typeof Account>;

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
    summary: 'Tạo tài khoản (quản trị; Sở tạo tài khoản cho trường trong tỉnh)',
    body: AccountInput, responses: { 201: Me },
  }),
  deactivate: endpoint({
    method: 'POST', path: '/api/v1/accounts/:id/deactivate', tags,
    summary: 'Khoá tài khoản (quản trị): mọi phiên đăng nhập của tài khoản kết thúc ngay; ghi nhật ký',
    params: Id, responses: { 200: Account },
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
