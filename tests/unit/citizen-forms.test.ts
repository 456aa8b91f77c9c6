import { describe, expect, it } from 'vitest';
import { counterSurveySchema } from '~/domain/counter-survey';
import { parsePublishedFilters } from '~/domain/published';
import { parseSearchQuery } from '~/domain/search-text';
import { ratingFormSchema } from '~/domain/ratings';
import {
  BODY_MAX, characterCount, fieldErrors, isPhoneNumber, normalizePostcode, voiceFormSchema, type VoiceFormInput,
} from '~/domain/voice-form';

const valid: VoiceFormInput = { kind: 'complaint', categoryId: '', title: '件名', body: '本文', contactMode: 'anonymous' };
const errorsOf = (input: Record<string, unknown>) => {
  const result = voiceFormSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error.issues);
};

describe('the send form schema', () => {
  it('accepts an anonymous voice and fills in the blanks', () => {
    const parsed = voiceFormSchema.parse(valid);
    expect(parsed).toMatchObject({ kind: 'complaint', categoryId: null, title: '件名', postcode: null, contactMode: 'anonymous', replyWanted: false, photos: [] });
  });

  it('reads the same values from a browser (booleans, FileList) and from a form post ("on", strings)', () => {
    const fromBrowser = voiceFormSchema.parse({ ...valid, consentToPublish: true, categoryId: '3', photos: [{ name: 'a.jpg', type: 'image/jpeg', size: 10 }] });
    const fromPost = voiceFormSchema.parse({ ...valid, consentToPublish: 'on', categoryId: '3', photos: [{ name: 'a.jpg', type: 'image/jpeg', size: 10 }] });
    expect(fromBrowser).toEqual(fromPost);
    expect(fromPost.categoryId).toBe(3);
  });

  it('gives translation keys as messages, one per field', () => {
    expect(errorsOf({ ...valid, kind: null, title: '  ', body: '' })).toEqual({
      kind: 'citizen:send.errors.kind', title: 'citizen:send.errors.titleRequired', body: 'citizen:send.errors.bodyRequired',
    });
  });

  it('allows 4,000 characters as a person counts them, CRLF newlines and emoji included', () => {
    expect(characterCount('a\r\nb')).toBe(3);
    expect(characterCount('👍')).toBe(1);
    expect(errorsOf({ ...valid, body: '👍'.repeat(BODY_MAX) })).toEqual({});
    expect(errorsOf({ ...valid, body: `${'あ'.repeat(BODY_MAX - 2)}\r\nい` })).toEqual({});
    expect(errorsOf({ ...valid, body: 'あ'.repeat(BODY_MAX + 1) })).toEqual({ body: 'citizen:send.errors.bodyTooLong' });
  });

  it('accepts 1234567, 123-4567 and full-width postcodes and stores 7 digits', () => {
    expect(normalizePostcode('1234567')).toBe('1234567');
    expect(normalizePostcode('123-4567')).toBe('1234567');
    expect(normalizePostcode('〒１２３－４５６７')).toBe('1234567');
    expect(normalizePostcode('123ー4567')).toBe('1234567');
    expect(normalizePostcode('12-34567')).toBeNull();
    expect(normalizePostcode('123456')).toBeNull();
    expect(voiceFormSchema.parse({ ...valid, postcode: '１２３４５６７' }).postcode).toBe('1234567');
    expect(errorsOf({ ...valid, postcode: 'abc' })).toEqual({ postcode: 'citizen:send.errors.postcode' });
  });

  it('needs a name for a named contact, and an email or phone for a reply', () => {
    expect(errorsOf({ ...valid, contactMode: 'named' })).toEqual({
      familyName: 'citizen:send.errors.familyNameRequired', givenName: 'citizen:send.errors.givenNameRequired',
    });
    expect(errorsOf({ ...valid, contactMode: 'named', familyName: '山田', givenName: '花子', replyWanted: 'on' }))
      .toEqual({ replyWanted: 'citizen:send.errors.replyNeedsContact' });
    expect(errorsOf({ ...valid, contactMode: 'named', familyName: '山田', givenName: '花子', replyWanted: 'on', phone: '090-1234-5678' })).toEqual({});
  });

  it('reports contact problems together with the other fields, not one round after them', () => {
    expect(errorsOf({ ...valid, title: '', contactMode: 'named', email: 'x@' })).toEqual({
      title: 'citizen:send.errors.titleRequired', email: 'citizen:send.errors.email',
      familyName: 'citizen:send.errors.familyNameRequired', givenName: 'citizen:send.errors.givenNameRequired',
    });
  });

  it('under 匿名, empties the contact fields (hidden on the page, with a note) instead of refusing the voice', () => {
    // The old trap: 匿名 (the default), a name and an email typed, 回答を希望する ticked → 2 errors.
    const typed = { ...valid, familyName: '山田', givenName: '花子', email: 'a@example.jp', phone: 'x', familyNameKana: 'yamada', replyWanted: 'on' };
    expect(errorsOf(typed)).toEqual({});
    const parsed = voiceFormSchema.parse(typed);
    expect(parsed).toMatchObject({ contactMode: 'anonymous', familyName: '', givenName: '', email: '', phone: '', familyNameKana: '', replyWanted: false });
    // No choice at all counts as 匿名, the form's default.
    expect(voiceFormSchema.parse({ ...typed, contactMode: undefined })).toMatchObject({ contactMode: 'anonymous', email: '' });
    // Named keeps everything and checks it.
    expect(errorsOf({ ...typed, contactMode: 'named' })).toEqual({ familyNameKana: 'citizen:send.errors.kana', phone: 'citizen:send.errors.phone' });
  });

  it('checks email, phone and katakana', () => {
    const named = { ...valid, contactMode: 'named', familyName: '山田', givenName: '花子' };
    expect(errorsOf({ ...named, email: 'not-an-email' })).toEqual({ email: 'citizen:send.errors.email' });
    expect(errorsOf({ ...named, familyNameKana: 'yamada' })).toEqual({ familyNameKana: 'citizen:send.errors.kana' });
    expect(errorsOf({ ...named, familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'はなこ' })).toEqual({});
    expect(isPhoneNumber('090-1234-5678')).toBe(true);
    expect(isPhoneNumber('０３（１２３４）５６７８')).toBe(true);
    expect(isPhoneNumber('+81 90 1234 5678')).toBe(true);
    expect(isPhoneNumber('12345')).toBe(false);
    expect(isPhoneNumber('call me')).toBe(false);
  });

  it('refuses other file types, files over 10 MB and more than 3 photos', () => {
    const photo = (type: string, size = 1000) => ({ name: 'x', type, size });
    expect(errorsOf({ ...valid, photos: [photo('image/heic')] })).toEqual({ photos: 'citizen:send.errors.photoType' });
    expect(errorsOf({ ...valid, photos: [photo('image/png', 10 * 1024 * 1024 + 1)] })).toEqual({ photos: 'citizen:send.errors.photoTooLarge' });
    expect(errorsOf({ ...valid, photos: [1, 2, 3, 4].map(() => photo('image/webp')) })).toEqual({ photos: 'citizen:send.errors.photoCount' });
    // An empty file input (no file chosen) is no photo at all.
    expect(errorsOf({ ...valid, photos: [{ name: '', type: '', size: 0 }] })).toEqual({});
  });
});

describe('the rating and counter survey schemas', () => {
  it('read radio values as numbers and refuse missing answers with translation keys', () => {
    expect(ratingFormSchema.parse({ resolved: 'partly', satisfaction: '4', comment: ' ok ' })).toEqual({ resolved: 'partly', satisfaction: 4, comment: 'ok' });
    const refused = ratingFormSchema.safeParse({ resolved: null, satisfaction: '9' });
    expect(refused.success ? {} : fieldErrors(refused.error.issues)).toEqual({
      resolved: 'citizen:rating.errors.resolved', satisfaction: 'citizen:rating.errors.satisfaction',
    });
    expect(counterSurveySchema.parse({ speed: '1', courtesy: '2', clarity: '3', overall: '5' })).toEqual({ speed: 1, courtesy: 2, clarity: 3, overall: 5, comment: '' });
    const survey = counterSurveySchema.safeParse({ speed: '1', courtesy: '', clarity: '3', overall: '5', comment: 'あ'.repeat(1001) });
    expect(survey.success ? {} : fieldErrors(survey.error.issues)).toEqual({ courtesy: 'citizen:survey.errors.score', comment: 'citizen:survey.errors.commentTooLong' });
  });
});

describe('published voice filters', () => {
  it('drop odd values instead of failing', () => {
    expect(parsePublishedFilters(new URLSearchParams('q=窓口&kind=nonsense&category=x&page=-3'))).toEqual({ q: '窓口', kind: null, category: null, page: 1 });
    expect(parsePublishedFilters(new URLSearchParams('kind=praise&category=4&page=2'))).toEqual({ q: '', kind: 'praise', category: 4, page: 2 });
  });

  it('fold search words like the stored text', () => {
    expect(parseSearchQuery(' ＡＢＣ　窓口 ')).toEqual(['abc', '窓口']);
  });
});
