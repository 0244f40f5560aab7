/// The kiosk tablet's page: pick a pole, tap a face, optionally type a comment. French UI,
/// no external assets (works with no internet), posts to `/v1/reviews` on the same agent.
enum KioskPage {
    static func html(stationID: String) -> String {
        let station = stationID.unicodeScalars.filter { $0.properties.isAlphabetic || "-_.0123456789".unicodeScalars.contains($0) }
        return """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Votre avis compte — \(String(String.UnicodeScalarView(station)))</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
        header{background:#0b5d3b;color:#fff;padding:16px 20px;font-size:22px}
        main{max-width:720px;margin:0 auto;padding:16px}
        .poles,.faces{display:flex;gap:10px;flex-wrap:wrap;margin:12px 0}
        button{font-size:20px;padding:14px 18px;border-radius:12px;border:2px solid #c9d2da;background:#fff;cursor:pointer}
        button.on{border-color:#0b5d3b;background:#e3f3ea}
        .faces button{font-size:40px;padding:8px 12px;display:flex;flex-direction:column;align-items:center;min-width:96px}
        .faces small{font-size:13px;margin-top:4px}
        textarea{width:100%;box-sizing:border-box;font-size:18px;min-height:90px;border-radius:10px;padding:10px}
        #send{background:#0b5d3b;color:#fff;border-color:#0b5d3b;width:100%;margin-top:12px}
        #msg{margin-top:12px;font-size:18px;min-height:24px}
        </style></head><body>
        <header>Votre avis compte</header>
        <main>
        <div>Quel service ?</div>
        <div class="poles" id="poles">
          <button data-v="fuel">Carburant</button><button data-v="shop">Boutique &amp; restauration</button>
          <button data-v="wash">Lavage auto</button><button data-v="gas">Service gaz</button>
        </div>
        <div>Votre satisfaction</div>
        <div class="faces" id="faces">
          <button data-v="1" aria-label="Très mécontent">😠<small>Très mécontent</small></button>
          <button data-v="2" aria-label="Mécontent">😞<small>Mécontent</small></button>
          <button data-v="3" aria-label="Moyen">😐<small>Moyen</small></button>
          <button data-v="4" aria-label="Content">😊<small>Content</small></button>
          <button data-v="5" aria-label="Très content">😄<small>Très content</small></button>
        </div>
        <textarea id="text" maxlength="2000" placeholder="Un commentaire ? (français, bambara, english)"></textarea>
        <button id="send">Envoyer</button>
        <div id="msg" role="status"></div>
        </main>
        <script>
        let pole=null, rating=null;
        function pick(group,set){document.querySelectorAll('#'+group+' button').forEach(b=>b.onclick=()=>{
          document.querySelectorAll('#'+group+' button').forEach(x=>x.classList.remove('on'));b.classList.add('on');set(b.dataset.v);});}
        pick('poles',v=>pole=v); pick('faces',v=>rating=parseInt(v));
        document.getElementById('send').onclick=async()=>{
          const msg=document.getElementById('msg'); const text=document.getElementById('text').value.trim();
          if(!pole){msg.textContent='Choisissez un service.';return;}
          if(!rating&&!text){msg.textContent='Choisissez un visage ou écrivez un commentaire.';return;}
          const body={service:pole,channel:'kiosk'}; if(rating)body.rating=rating; if(text)body.text=text;
          try{const r=await fetch('/v1/reviews',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});
            const j=await r.json();
            if(r.status===201){msg.textContent='Merci pour votre avis !';document.getElementById('text').value='';rating=null;
              document.querySelectorAll('#faces button').forEach(x=>x.classList.remove('on'));}
            else msg.textContent='Erreur : '+(j.error||r.status);}
          catch(e){msg.textContent='Service indisponible, réessayez.';}
        };
        </script></body></html>
        """
    }
}
