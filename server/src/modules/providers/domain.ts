import type { ProviderKind, ProviderService, ReferralChannel } from '../../../../contracts/providers.js';

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  school_team: 'Tổ tư vấn trường học',
  social_work_centre: 'Trung tâm công tác xã hội',
  health_service: 'Cơ sở y tế, tâm lý',
  commune_police: 'Công an xã',
  commune_committee: 'UBND xã',
  hotline: 'Tổng đài điện thoại',
  ngo: 'Tổ chức xã hội',
};

/** Services, following Decree 110/2024/NĐ-CP on social work. */
export const SERVICE_LABELS: Record<ProviderService, string> = {
  emergency_protection: 'Bảo vệ khẩn cấp',
  assessment: 'Đánh giá nguy cơ, nhu cầu',
  case_management: 'Quản lý trường hợp',
  counselling: 'Tư vấn, tham vấn',
  psychological_therapy: 'Trị liệu tâm lý',
  health_care: 'Chăm sóc y tế',
  legal_aid: 'Trợ giúp pháp lý',
  shelter: 'Chăm sóc thay thế, nơi ở tạm thời',
  family_support: 'Hỗ trợ gia đình',
  education_support: 'Hỗ trợ học tập',
  reintegration: 'Hỗ trợ phát triển, hòa nhập cộng đồng',
  hotline_guidance: 'Tư vấn, hướng dẫn qua điện thoại',
};

export const CHANNEL_LABELS: Record<ReferralChannel, string> = {
  online: 'Trực tuyến trên KếtNối', phone: 'Điện thoại', letter: 'Công văn', in_person: 'Trực tiếp',
};
