import { z } from 'zod';
import { ROLES } from './common.js';
import { Organisation } from './organisations.js';
import { endpoint, NoContent, Page, pageQuery } from './http.js';

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
    responses: { 200: Page(Me) },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/accounts', tags,
    summary: 'Tạo tài khoản (quản trị; Sở tạo tài khoản cho trường trong tỉnh)',
    body: AccountInput, responses: { 201: Me },
  }),
};
