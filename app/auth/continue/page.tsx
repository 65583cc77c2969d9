export { ContinuePage as default } from "@/features/auth/pages/continue-page";
