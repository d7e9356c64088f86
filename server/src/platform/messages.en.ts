/**
 * English texts of the messages the server answers, keyed by their Vietnamese text. A message
 * with values in it is keyed with `{…}` placeholders, e.g. 'Tệp "{name}" rỗng'; the English text
 * uses placeholders in the same order.
 */
export const EN_MESSAGES: Record<string, string> = {
  // status titles
  'Yêu cầu không hợp lệ': 'Bad request',
  'Chưa đăng nhập': 'Not signed in',
  'Không có quyền': 'Forbidden',
  'Không tìm thấy': 'Not found',
  'Xung đột dữ liệu': 'Conflict',
  'Tệp quá lớn': 'File too large',
  'Định dạng không được hỗ trợ': 'Unsupported media type',
  'Dữ liệu không hợp lệ': 'Invalid data',
  'Quá nhiều yêu cầu': 'Too many requests',
  'Lỗi hệ thống': 'Internal error',
  'Tệp quá lớn (tối đa 20 MB)': 'File too large (at most 20 MB)',
  'Định dạng nội dung không được hỗ trợ': 'Unsupported content type',
  'Nội dung JSON không hợp lệ': 'Invalid JSON body',
  'Không có đường dẫn {method} {path}': 'No route {method} {path}',
  'Yêu cầu từ trang khác bị từ chối': 'Requests from another site are refused',
  // generic
  'Bạn cần đăng nhập để thực hiện thao tác này': 'You need to sign in to do this',
  'Bạn không có quyền thực hiện thao tác này': 'You are not allowed to do this',
  'Mã định danh không hợp lệ': 'Invalid identifier',
  'Tham số cursor không hợp lệ': 'Invalid cursor',
  'Ngày phải có dạng YYYY-MM-DD': 'Dates are written YYYY-MM-DD',
  'Ngày không tồn tại': 'This date does not exist',
  'Mã tỉnh gồm 2 chữ số': 'A province code has 2 digits',
  'Mã xã gồm 5 chữ số': 'A commune code has 5 digits',
  'Số tiền là số nguyên (đồng)': 'Amounts are whole đồng',
  'Số tiền không âm': 'Amounts cannot be negative',
  'Cần gửi tệp theo dạng multipart/form-data (trường "file")': 'Send the file as multipart/form-data (field "file")',
  'Chưa chọn tệp': 'No file chosen',
  'Tệp rỗng': 'The file is empty',
  'Tệp "{name}" rỗng': 'The file "{name}" is empty',
};
