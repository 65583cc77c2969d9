/**
 * SIRET validation: 14 digits whose Luhn checksum is valid. La Poste's establishments (SIREN
 * 356000000) are the documented exception: their digits sum to a multiple of 5 instead.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith("356000000")) {
    const sum = [...value].reduce((acc, digit) => acc + Number(digit), 0);
    return sum % 5 === 0;
  }
  return luhn(value);
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right.
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
