import { randomBytes } from 'node:crypto';

import { AppError } from '../core/errors';
import { normaliseEmail } from './auth.service';
import { MIN_PASSWORD_LENGTH } from './password';

/** Passwords longer than this are rejected, so that hashing stays cheap. */
const MAX_PASSWORD_LENGTH = 256;
const MAX_EMAIL_LENGTH = 320;
const MAX_TEXT_LENGTH = 200;
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_FORMAT = /^\+?[0-9 ().-]{6,40}$/;

/** Profile fields a user or an admin may set; empty text clears a field. */
export interface ProfileInput {
  fullName?: string | null;
  phone?: string | null;
  organisation?: string | null;
}

/** Normalises and checks an email; raises BAD_USER_INPUT on `field`. */
export function checkEmail(email: string, field = 'email'): string {
  const normalised = normaliseEmail(email);
  if (normalised.length > MAX_EMAIL_LENGTH || !EMAIL_FORMAT.test(normalised)) {
    throw AppError.badInput(`Adresse email invalide : « ${email} ».`, { field });
  }
  return normalised;
}

/** Checks the length of a new password; raises BAD_USER_INPUT on `field`. */
export function checkPassword(password: string, field = 'password'): string {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw AppError.badInput(
      `Mot de passe invalide : il doit compter entre ${MIN_PASSWORD_LENGTH} et ${MAX_PASSWORD_LENGTH} caractères.`,
      { field },
    );
  }
  return password;
}

function cleanText(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > MAX_TEXT_LENGTH) {
    throw AppError.badInput(`${field} trop long : ${MAX_TEXT_LENGTH} caractères au plus.`, {
      field,
    });
  }
  return trimmed === '' ? null : trimmed;
}

/** Trims profile fields; fields left undefined are not changed by the caller. */
export function checkProfile(input: ProfileInput): ProfileInput {
  const phone = cleanText(input.phone, 'phone');
  if (phone && !PHONE_FORMAT.test(phone)) {
    throw AppError.badInput(
      `Numéro de téléphone invalide : « ${phone} » (chiffres, espaces, +, ., -, parenthèses).`,
      { field: 'phone' },
    );
  }
  const profile: ProfileInput = {
    fullName: cleanText(input.fullName, 'fullName'),
    phone,
    organisation: cleanText(input.organisation, 'organisation'),
  };
  for (const key of Object.keys(profile) as (keyof ProfileInput)[]) {
    if (profile[key] === undefined) delete profile[key];
  }
  return profile;
}

/** Draws a random password of 16 base64url characters (96 bits) for admin resets. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}
