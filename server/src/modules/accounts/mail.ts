import type { Lang } from '../../platform/i18n.js';

/** The e-mails of sign-in matters (reset, registration), in the reader's language. */
export interface AccountMail { subject: string; text: string }

const link = (base: string | undefined, path: string) => `${(base ?? '').replace(/\/$/, '')}${path}`;

/** The link to the page that sets a password with a code, for a reset or an invitation. */
export const resetUrl = (base: string | undefined, token: string, invitation = false) => link(base, `/${invitation ? 'kich-hoat' : 'dat-lai-mat-khau'}?ma=${encodeURIComponent(token)}`);

export function invitationMail(lang: Lang, base: string | undefined, token: string): { mail: AccountMail; url: string } {
  const url = resetUrl(base, token, true);
  return {
    url,
    mail: lang === 'en'
      ? { subject: 'KếtNối: your account is ready', text: `An account on KếtNối has been created for you.\n\nOpen ${url} within 7 days to choose your password, then sign in with this e-mail address. The link works once.\n\nIf you did not expect this e-mail, you may ignore it.` }
      : { subject: 'KếtNối: tài khoản của bạn đã được tạo', text: `Một tài khoản KếtNối đã được tạo cho bạn.\n\nMở ${url} trong vòng 7 ngày để chọn mật khẩu, rồi đăng nhập bằng địa chỉ e-mail này. Liên kết chỉ dùng được một lần.\n\nNếu bạn không chờ thư này, hãy bỏ qua.` },
  };
}

export function resetMail(lang: Lang, base: string | undefined, token: string): AccountMail & { mail: AccountMail; url: string } {
  const url = resetUrl(base, token);
  const mail = resetMailText(lang, url, token);
  return { ...mail, mail, url };
}

function resetMailText(lang: Lang, url: string, token: string): AccountMail {
  return lang === 'en'
    ? { subject: 'KếtNối: reset your password', text: `Someone (you, we hope) asked to reset the password of your KếtNối account.\n\nOpen ${url} within one hour to choose a new password, or enter this code on the reset page:\n${token}\n\nThe code works once. If you did not ask, ignore this e-mail: your password stays as it is.` }
    : { subject: 'KếtNối: đặt lại mật khẩu', text: `Có yêu cầu đặt lại mật khẩu cho tài khoản KếtNối của bạn.\n\nMở ${url} trong vòng 1 giờ để chọn mật khẩu mới, hoặc nhập mã sau ở trang đặt lại mật khẩu:\n${token}\n\nMã chỉ dùng được một lần. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không đổi.` };
}

export function registeredMail(lang: Lang, base: string | undefined): AccountMail {
  const url = link(base, '/dang-nhap');
  return lang === 'en'
    ? { subject: 'KếtNối: your registration is received', text: `Your organisation is registered on KếtNối and waits for vetting by the Project Management Board.\n\nSign in at ${url} with this e-mail address and the password you chose.` }
    : { subject: 'KếtNối: đã nhận đăng ký', text: `Tổ chức của bạn đã được đăng ký trên KếtNối và đang chờ Ban Quản lý các dự án thẩm định.\n\nĐăng nhập tại ${url} bằng địa chỉ e-mail này và mật khẩu bạn đã chọn.` };
}

export function alreadyRegisteredMail(lang: Lang, base: string | undefined): AccountMail {
  const signIn = link(base, '/dang-nhap');
  const reset = link(base, '/quen-mat-khau');
  return lang === 'en'
    ? { subject: 'KếtNối: you already have an account', text: `Someone tried to register on KếtNối with this e-mail address, which already has an account; nothing was changed.\n\nIf it was you, sign in at ${signIn}, or choose a new password at ${reset}. If not, you may ignore this e-mail.` }
    : { subject: 'KếtNối: bạn đã có tài khoản', text: `Có người vừa đăng ký trên KếtNối bằng địa chỉ e-mail này, nhưng địa chỉ đã có tài khoản; không có gì thay đổi.\n\nNếu là bạn, hãy đăng nhập tại ${signIn}, hoặc đặt mật khẩu mới tại ${reset}. Nếu không, bạn có thể bỏ qua thư này.` };
}
