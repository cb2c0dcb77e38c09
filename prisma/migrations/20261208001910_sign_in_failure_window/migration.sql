-- CreateTable
CREATE TABLE "SignInFailureWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInFailureWindow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInFailureWindow_windowStart_idx" ON "SignInFailureWindow"("windowStart");
