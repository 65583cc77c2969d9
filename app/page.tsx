export { HomePage as default } from "@/features/site/pages/home-page";
