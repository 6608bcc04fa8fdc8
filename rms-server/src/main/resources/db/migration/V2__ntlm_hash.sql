-- OpenRMS rights server schema, version 2: the opt-in NT hash for NTLM.
-- The NT hash (MD4 of the UTF-16LE password, 32 hex digits) is password-equivalent: whoever reads
-- it can authenticate as the account over NTLM without knowing the password. It is therefore only
-- stored for accounts added with NTLM enabled (NewUser.Builder.ntlm, `openrms user add --ntlm`);
-- NULL means NTLM is off for the account.
ALTER TABLE users ADD COLUMN nt_hash VARCHAR(32);
