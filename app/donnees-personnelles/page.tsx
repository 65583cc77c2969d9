export { PersonalDataPage as default, generateMetadata } from "@/features/site/pages/personal-data-page";
