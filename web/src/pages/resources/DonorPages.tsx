/** The donor pages: registration (default), a donor's profile with vetting, the donors list. */
export { default } from './donor/DonorRegister';
export { DonorProfilePage } from './donor/DonorProfile';
export { DonorListPage } from './donor/DonorList';
