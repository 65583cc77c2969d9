-- CreateTable
CREATE TABLE "SanctionItem" (
    "sanctionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "targetKind" "ReportTargetKind" NOT NULL,
    "targetId" TEXT NOT NULL,

    CONSTRAINT "SanctionItem_pkey" PRIMARY KEY ("sanctionId","targetKind","targetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SanctionItem_userId_targetKind_targetId_key" ON "SanctionItem"("userId", "targetKind", "targetId");

-- AddForeignKey
ALTER TABLE "SanctionItem" ADD CONSTRAINT "SanctionItem_sanctionId_fkey" FOREIGN KEY ("sanctionId") REFERENCES "Sanction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
